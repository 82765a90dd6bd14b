package se.delaktig.access;

import java.time.Duration;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down guessing, per submitted username and per client address, without ever locking the real
 * owner out for good. After a few free attempts each failure blocks further attempts for a delay that
 * doubles (30 s, 1 min, 2 min … at most 15 min); a block always runs out, and failures are forgotten
 * after an hour without one. Attempts during a block are refused with the same answer as a wrong
 * password and do not count, so nobody can push a block further than the longest delay.
 *
 * <p>The username is counted whether or not such an account exists: a throttle that only known
 * accounts reach would tell which usernames exist. The address counts failures for any username, so
 * one machine cannot try one password against many accounts. Times come from the database clock,
 * the one clock every web node shares.
 *
 * <p>Its callers (the login provider and the second-factor step) run outside any transaction, so each
 * call is a short transaction of its own on one connection. It deliberately does not ask for a new
 * transaction: one opened while a caller's connection is held needs a second connection from the pool,
 * which is how the pool deadlocked under load before.
 */
@Component
@Transactional
class LoginThrottle {

    private final JdbcClient jdbc;
    private final int freeAttemptsPerAccount;
    private final int freeAttemptsPerAddress;
    private final Duration firstDelay;
    private final Duration maxDelay;

    LoginThrottle(JdbcClient jdbc,
                  @Value("${delaktig.login.throttle.account-free-attempts:5}") int freeAttemptsPerAccount,
                  @Value("${delaktig.login.throttle.address-free-attempts:10}") int freeAttemptsPerAddress,
                  @Value("${delaktig.login.throttle.first-delay:PT30S}") Duration firstDelay,
                  @Value("${delaktig.login.throttle.max-delay:PT15M}") Duration maxDelay) {
        this.jdbc = jdbc;
        this.freeAttemptsPerAccount = freeAttemptsPerAccount;
        this.freeAttemptsPerAddress = freeAttemptsPerAddress;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "address:" + (address == null ? "?" : address);
    }

    /** Whether an attempt for this username from this address must wait. */
    @Transactional(readOnly = true)
    public boolean blocked(String username, String address) {
        return jdbc.sql("select count(*) from login_throttle where throttle_key in (?, ?) and blocked_until > now()")
                .params(accountKey(username), addressKey(address)).query(Integer.class).single() > 0;
    }

    /** Counts a failed attempt against both the username and the address. */
    public void failed(String username, String address) {
        count(accountKey(username), freeAttemptsPerAccount);
        count(addressKey(address), freeAttemptsPerAddress);
    }

    /** A successful sign-in clears the account's count; the address keeps its own, so one good account cannot launder guesses. */
    public void succeeded(String username) {
        jdbc.sql("delete from login_throttle where throttle_key = ?").param(accountKey(username)).update();
    }

    private void count(String key, int freeAttempts) {
        jdbc.sql("""
                insert into login_throttle as t (throttle_key, failures, last_failure_at) values (:key, 1, now())
                on conflict (throttle_key) do update set
                  failures = case when t.last_failure_at < now() - interval '1 hour' then 1 else t.failures + 1 end,
                  last_failure_at = now()""")
                .param("key", key).update();
        jdbc.sql("""
                update login_throttle set blocked_until = now() + least(
                    make_interval(secs => :first * power(2, least(failures - :free - 1, 20))),
                    make_interval(secs => :max))
                where throttle_key = :key and failures > :free""")
                .param("key", key).param("free", freeAttempts)
                .param("first", (double) firstDelay.toSeconds()).param("max", (double) maxDelay.toSeconds()).update();
    }
}
