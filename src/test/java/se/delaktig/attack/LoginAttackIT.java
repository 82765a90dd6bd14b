package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;
import se.delaktig.organization.Organization;

/**
 * Guessing at the login form: finding out which usernames exist, locking the owner out, trying one
 * password against many accounts from one machine.
 */
@IntegrationTest
class LoginAttackIT {

    @LocalServerPort
    int port;

    @Autowired
    Organization organization;

    @Autowired
    JdbcClient jdbc;

    /** Every attempt here comes from this machine; start and end with a clean slate for the address. */
    @BeforeEach
    @AfterEach
    void forgetThisAddress() {
        jdbc.sql("delete from login_throttle where throttle_key like 'address:%'").update();
    }

    private String newStaff() {
        var username = "att-" + UUID.randomUUID().toString().substring(0, 8);
        organization.createStaff(username, "Anna Attackerad", null, null, TestFixtures.PASSWORD, false);
        return username;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** Everything an attacker sees of a refused login: status, headers but the session cookie, and the page it leads to. */
    private String whatTheAttackerSees(String username, String password) {
        var browser = new Browser(port);
        var response = browser.login(username, password);
        var headers = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("set-cookie") && !name.equalsIgnoreCase("date")) {
                headers.put(name.toLowerCase(), values);
            }
        });
        var page = browser.get(location(response).replaceFirst("^https?://[^/]+", "")).body()
                .replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "")
                .replaceAll("<meta name=\"_csrf\" content=\"[^\"]+\"", "")
                .replace("value=\"" + username + "\"", "value=\"…\"");
        return response.statusCode() + " " + headers + "\n" + page;
    }

    @Test
    void unknownWrongDisabledAndThrottledLookTheSame() {
        var wrong = newStaff();
        var disabled = newStaff();
        organization.setEnabled(organization.staffByUsername(disabled).orElseThrow().id(), false);
        var throttled = newStaff();
        for (int i = 0; i < 6; i++) {
            new Browser(port).login(throttled, "guess-" + i);
        }
        forgetThisAddress();

        var unknownSees = whatTheAttackerSees("nobody-" + UUID.randomUUID().toString().substring(0, 8), "guess");
        var wrongSees = whatTheAttackerSees(wrong, "guess");
        var disabledSees = whatTheAttackerSees(disabled, TestFixtures.PASSWORD);
        var throttledSees = whatTheAttackerSees(throttled, TestFixtures.PASSWORD);

        assertThat(unknownSees).startsWith("302 ").contains("Fel användarnamn eller lösenord");
        assertThat(wrongSees).isEqualTo(unknownSees);
        assertThat(disabledSees).isEqualTo(unknownSees);
        assertThat(throttledSees).isEqualTo(unknownSees);
    }

    @Test
    void unknownAndDisabledAccountsCostAPasswordHashLikeAKnownOne() {
        var known = newStaff();
        var disabled = newStaff();
        organization.setEnabled(organization.staffByUsername(disabled).orElseThrow().id(), false);
        var unknownTimes = new ArrayList<Long>();
        var knownTimes = new ArrayList<Long>();
        var disabledTimes = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            unknownTimes.add(timeOf("ghost-" + UUID.randomUUID().toString().substring(0, 8)));
            knownTimes.add(timeOf(known));
            disabledTimes.add(timeOf(disabled));
            jdbc.sql("delete from login_throttle where throttle_key like 'address:%'").update();
        }
        // Without a hash for them, an unknown name or a disabled account would answer many times faster.
        assertThat(median(unknownTimes)).isGreaterThan(median(knownTimes) / 3);
        assertThat(median(disabledTimes)).isGreaterThan(median(knownTimes) / 3);
    }

    private long timeOf(String username) {
        var browser = new Browser(port);
        var csrf = Browser.formToken(browser.get("/login").body());
        var started = System.nanoTime();
        browser.postFormRaw("/login", Map.of("username", username, "password", "guess", "_csrf", csrf));
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void guessingDelaysTheAccountButNeverLocksTheOwnerOutForGood() {
        var username = newStaff();
        var guesser = new Browser(port);
        for (int i = 0; i < 30; i++) {
            assertThat(location(guesser.login(username, "guess-" + i))).endsWith("/login?error");
        }
        // However long the guessing goes on, the account waits at most the longest delay.
        var longestWait = jdbc.sql("select extract(epoch from blocked_until - now()) from login_throttle where throttle_key = ?")
                .param("account:" + username).query(Double.class).single();
        assertThat(longestWait).isPositive().isLessThanOrEqualTo(15 * 60);

        var owner = new Browser(port);
        assertThat(location(owner.login(username, TestFixtures.PASSWORD))).endsWith("/login?error");

        // The delay runs out (time moved on in the database instead of waiting): the owner gets in.
        jdbc.sql("update login_throttle set blocked_until = now() - interval '1 second'").update();
        assertThat(location(owner.login(username, TestFixtures.PASSWORD))).doesNotContain("/login");
        assertThat(owner.get("/profile").statusCode()).isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressSlowDownEveryUsernameFromIt() {
        // One password tried against many accounts: each account sees only one failure.
        for (int i = 0; i < 11; i++) {
            new Browser(port).login("spray-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "Sommar2026!");
        }
        var victim = newStaff();
        var fromSameAddress = new Browser(port);
        assertThat(location(fromSameAddress.login(victim, TestFixtures.PASSWORD))).endsWith("/login?error");
        assertThat(fromSameAddress.get("/profile").statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'LOGIN' and outcome = 'DENIED'")
                .param(victim).query(Integer.class).single()).isEqualTo(1);

        jdbc.sql("update login_throttle set blocked_until = now() - interval '1 second' where throttle_key like 'address:%'").update();
        assertThat(location(fromSameAddress.login(victim, TestFixtures.PASSWORD))).doesNotContain("/login");
    }

    @Test
    void everyAttemptIsAuditedWithItsRealReason() {
        var username = newStaff();
        new Browser(port).login(username, "guess");
        var ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        new Browser(port).login(ghost, "guess");

        assertThat(jdbc.sql("select detail from audit_event where actor = ? and action = 'LOGIN'").param(username)
                .query(String.class).single()).startsWith("wrong password");
        assertThat(jdbc.sql("select detail from audit_event where actor = ? and action = 'LOGIN'").param(ghost)
                .query(String.class).single()).startsWith("unknown username");
    }
}
