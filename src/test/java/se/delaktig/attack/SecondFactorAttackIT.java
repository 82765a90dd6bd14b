package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;
import se.delaktig.access.SecondFactorPolicy;

/**
 * A stolen password of someone who can read a key list. In a real installation (second factor
 * required) the password alone must open nothing; codes and recovery codes work once.
 */
@IntegrationTest
class SecondFactorAttackIT {

    private static final Pattern SECRET = Pattern.compile("<code class=\"secret\" id=\"secret\">([A-Z2-7 ]+)</code>");
    private static final Pattern RECOVERY = Pattern.compile("<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>");

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    SecondFactorPolicy policy;

    @Autowired
    JdbcClient jdbc;

    TestFixtures.Org org;

    @BeforeEach
    void aRealInstallation() {
        policy.use(SecondFactorPolicy.Mode.REQUIRED);
        org = fixtures.organisation();
    }

    @AfterEach
    void backToTheDemo() {
        policy.reset();
        jdbc.sql("delete from login_throttle where throttle_key like 'address:%'").update();
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String code(String secret, Instant at) {
        try {
            var totp = new TimeBasedOneTimePasswordGenerator();
            return totp.generateOneTimePasswordString(
                    new SecretKeySpec(new Base32().decode(secret.replace(" ", "")), totp.getAlgorithm()), at);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs in with the password and sets the factor up as the page leads; returns the key and the recovery codes. */
    private Map.Entry<String, List<String>> enrol(String username) {
        var browser = new Browser(port);
        assertThat(location(browser.login(username, TestFixtures.PASSWORD))).endsWith("/login/second-factor/setup");
        var setup = browser.get("/login/second-factor/setup").body();
        var matcher = SECRET.matcher(setup);
        assertThat(matcher.find()).as("the setup page shows the key").isTrue();
        var secret = matcher.group(1);
        assertThat(setup).contains("<svg");

        var wrong = browser.postForm("/login/second-factor/setup", "/login/second-factor/setup", Map.of("code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("id=\"code-error\"");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(302);

        var confirmed = browser.postForm("/login/second-factor/setup", "/login/second-factor/setup",
                Map.of("code", code(secret, Instant.now())));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        var codes = RECOVERY.matcher(confirmed.body()).results().map(r -> r.group(1)).toList();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(browser.get("/profile").statusCode()).as("setting it up completes the login").isEqualTo(200);
        // Shown once: only hashes are stored.
        assertThat(jdbc.sql("select count(*) from staff_recovery_code where code_hash = ?")
                .param(codes.get(0).replace("-", "")).query(Integer.class).single()).isZero();
        return Map.entry(secret, codes);
    }

    @Test
    void aPasswordAloneOpensNothingWhenTheSecondFactorIsRequired() {
        var browser = new Browser(port);
        var login = browser.login(org.processLead(), TestFixtures.PASSWORD);
        assertThat(location(login)).endsWith("/login/second-factor/setup");

        assertThat(location(browser.get("/"))).endsWith("/login/second-factor/setup");
        assertThat(location(browser.get("/rounds"))).endsWith("/login/second-factor/setup");
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(403);
        assertThat(browser.get("/login/second-factor/setup").statusCode()).isEqualTo(200);
    }

    @Test
    void onceSetUpEveryLoginAsksForACodeAndACodeWorksOnce() {
        var enrolled = enrol(org.interviewers().get(0));
        var secret = enrolled.getKey();

        var browser = new Browser(port);
        assertThat(location(browser.login(org.interviewers().get(0), TestFixtures.PASSWORD))).endsWith("/login/second-factor");
        assertThat(location(browser.get("/interviews"))).endsWith("/login/second-factor");
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(403);

        var wrong = browser.postForm("/login/second-factor", "/login/second-factor", Map.of("code", "123456"));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("id=\"code-error\"");

        // The next step's code (the setup used this step's): accepted, since clocks may drift by one step.
        var next = code(secret, Instant.now().plus(Duration.ofSeconds(30)));
        var right = browser.postForm("/login/second-factor", "/login/second-factor", Map.of("code", next));
        assertThat(location(right)).doesNotContain("/login");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);

        // Someone who saw the code over the shoulder cannot use it again.
        var replay = new Browser(port);
        replay.login(org.interviewers().get(0), TestFixtures.PASSWORD);
        assertThat(replay.postForm("/login/second-factor", "/login/second-factor", Map.of("code", next)).statusCode())
                .isEqualTo(200);
        assertThat(replay.get("/profile").statusCode()).isEqualTo(302);
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        var username = org.processLead();
        var codes = enrol(username).getValue();

        var first = new Browser(port);
        first.login(username, TestFixtures.PASSWORD);
        assertThat(location(first.postForm("/login/second-factor", "/login/second-factor", Map.of("code", codes.get(3)))))
                .doesNotContain("/login");
        assertThat(first.get("/profile").statusCode()).isEqualTo(200);

        var again = new Browser(port);
        again.login(username, TestFixtures.PASSWORD);
        var refused = again.postForm("/login/second-factor", "/login/second-factor", Map.of("code", codes.get(3)));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(again.get("/profile").statusCode()).isEqualTo(302);
    }

    @Test
    void guessingCodesIsThrottledLikePasswords() {
        var username = org.interviewers().get(2);
        var secret = enrol(username).getKey();
        var browser = new Browser(port);
        browser.login(username, TestFixtures.PASSWORD);
        for (int i = 0; i < 6; i++) {
            browser.postForm("/login/second-factor", "/login/second-factor", Map.of("code", String.format("%06d", i)));
        }
        var right = code(secret, Instant.now().plus(Duration.ofSeconds(30)));
        assertThat(browser.postForm("/login/second-factor", "/login/second-factor", Map.of("code", right)).statusCode())
                .as("refused during the delay even with the right code").isEqualTo(200);

        jdbc.sql("update login_throttle set blocked_until = now() - interval '1 second' where throttle_key = ? or throttle_key like 'address:%'")
                .param("account:" + username).update();
        var later = new Browser(port);
        later.login(username, TestFixtures.PASSWORD);
        var fresh = code(secret, Instant.now().plus(Duration.ofSeconds(30)));
        assertThat(location(later.postForm("/login/second-factor", "/login/second-factor", Map.of("code", fresh))))
                .doesNotContain("/login");
        assertThat(later.get("/profile").statusCode()).isEqualTo(200);
    }

    @Test
    void theDemoAndAnInstallationThatSaysOptionalAskNoSecondFactorOfThoseWithoutOne() {
        policy.use(SecondFactorPolicy.Mode.OPTIONAL);
        var browser = new Browser(port);
        assertThat(location(browser.login(org.processLead(), TestFixtures.PASSWORD))).doesNotContain("/login");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
    }
}
