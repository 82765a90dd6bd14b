package se.delaktig.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;

/** Login, lockout, logout, CSRF and security headers, over real HTTP against the running server. */
@IntegrationTest
class SecurityIT {

    @LocalServerPort
    int port;

    @Autowired
    Organization organization;

    @Autowired
    JdbcClient jdbc;

    /** Failed logins here come from this machine's address; forget them so other tests can sign in. */
    @org.junit.jupiter.api.AfterEach
    void forgetThisAddress() {
        jdbc.sql("delete from login_throttle where throttle_key like 'address:%'").update();
    }

    private String newStaff() {
        var username = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        organization.createStaff(username, "Sara Säker", null, null, TestFixtures.PASSWORD, false);
        return username;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private int auditCount(String username, String outcome) {
        return jdbc.sql("select count(*) from audit_event where actor = ? and action = 'LOGIN' and outcome = ?")
                .params(username, outcome).query(Integer.class).single();
    }

    @Test
    void theRightPasswordSignsInAndTheWrongOneIsRefused() {
        var username = newStaff();
        var browser = new Browser(port);

        var wrong = browser.login(username, "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(location(wrong)).endsWith("/login?error");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(302);

        var right = browser.login(username, TestFixtures.PASSWORD);
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(location(right)).doesNotContain("/login");
        var profile = browser.get("/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains(username);
    }

    @Test
    void everyLoginAttemptIsAudited() {
        var username = newStaff();
        var browser = new Browser(port);

        browser.login(username, "not-the-password");
        browser.login(username, TestFixtures.PASSWORD);

        assertThat(auditCount(username, "FAILURE")).isEqualTo(1);
        assertThat(auditCount(username, "SUCCESS")).isEqualTo(1);
    }

    @Test
    void repeatedWrongPasswordsSlowTheAccountDownUntilTheDelayRunsOut() {
        var username = newStaff();
        var browser = new Browser(port);
        for (int i = 0; i < 6; i++) {
            assertThat(location(browser.login(username, "wrong-password-" + i))).endsWith("/login?error");
        }
        var blockedInFuture = jdbc.sql("select blocked_until > now() from login_throttle where throttle_key = ?")
                .param("account:" + username).query(Boolean.class).single();
        assertThat(blockedInFuture).isTrue();

        // Even the right password is refused during the delay, with the same answer, and the refusal is audited.
        var whileBlocked = browser.login(username, TestFixtures.PASSWORD);
        assertThat(location(whileBlocked)).endsWith("/login?error");
        assertThat(auditCount(username, "DENIED")).isEqualTo(1);
        assertThat(auditCount(username, "FAILURE")).isEqualTo(6);

        // When the delay has run out (moved into the past here instead of waiting), the right password works again.
        jdbc.sql("update login_throttle set blocked_until = now() - interval '1 second' where throttle_key = ? or throttle_key like 'address:%'")
                .param("account:" + username).update();
        var afterDelay = browser.login(username, TestFixtures.PASSWORD);
        assertThat(location(afterDelay)).doesNotContain("/login");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from login_throttle where throttle_key = ?").param("account:" + username)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void logoutEndsTheSessionForGood() throws Exception {
        var username = newStaff();
        var browser = new Browser(port);
        browser.login(username, TestFixtures.PASSWORD);
        var cookie = browser.sessionCookie();
        assertThat(cookie).isNotNull();

        var logout = browser.postForm("/profile", "/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(location(logout)).endsWith("/login?logout");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(302);

        // The old session cookie, replayed by someone who copied it, no longer opens anything.
        var replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/profile"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(302);
        assertThat(location(replay)).endsWith("/login");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'LOGOUT'").param(username)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() {
        var username = newStaff();
        var browser = new Browser(port);
        browser.login(username, TestFixtures.PASSWORD);

        var forged = browser.postFormRaw("/profile/tokens", Map.of("name", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        var forgedLogout = browser.postFormRaw("/logout", Map.of());
        assertThat(forgedLogout.statusCode()).isEqualTo(403);
        assertThat(browser.get("/profile").body()).doesNotContain("forged");
    }

    @Test
    void responsesCarryStrictSecurityHeaders() {
        var response = new Browser(port).get("/login");
        var csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
}
