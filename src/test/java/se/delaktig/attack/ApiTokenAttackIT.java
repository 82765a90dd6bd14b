package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.ApiTokens;
import se.delaktig.access.Browser;
import se.delaktig.organization.Organization;

/** Stolen or leaked API tokens: how far they get. */
@IntegrationTest
class ApiTokenAttackIT {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Organization organization;

    @Autowired
    JdbcClient jdbc;

    private long id(String username) {
        return organization.staffByUsername(username).orElseThrow().id();
    }

    private HttpResponse<String> me(String token) {
        return new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + token);
    }

    private int tokenCount(long staffId) {
        return jdbc.sql("select count(*) from api_token where staff_id = ?").param(staffId).query(Integer.class).single();
    }

    @Test
    void anExpiredTokenIsRefused() {
        var org = fixtures.organisation();
        var token = tokens.create(id(org.processLead()), "old script", ApiTokens.Scope.READ, 30);
        assertThat(me(token.plainToken()).statusCode()).isEqualTo(200);

        jdbc.sql("update api_token set expires_at = now() - interval '1 second' where id = ?").param(token.id()).update();

        var response = me(token.plainToken());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void everyTokenExpiresNinetyDaysByDefaultAndAtMostAfterAYear() {
        var org = fixtures.organisation();
        var created = tokens.create(id(org.processLead()), "script");
        var days = jdbc.sql("select extract(epoch from expires_at - created_at) / 86400 from api_token where id = ?")
                .param(created.id()).query(Double.class).single();
        assertThat(days).isBetween(89.99, 90.01);

        var browser = new Browser(port);
        browser.login(org.processLead(), TestFixtures.PASSWORD);
        var csrf = Browser.metaToken(browser.get("/profile").body());
        var tooLong = browser.postJson("/api/v1/me/tokens", "{\"name\":\"forever\",\"days\":100000}", "X-CSRF-TOKEN", csrf);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(tooLong.body(), "$.errors[0].field")).isEqualTo("days");
    }

    @Test
    void aReadTokenCannotWrite() {
        var org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        var body = "{\"unitId\":" + org.unitId() + ",\"guideId\":" + guide
                + ",\"title\":\"Smygomgång\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\",\"targetChildren\":5}";
        var read = tokens.create(id(org.processLead()), "reader", ApiTokens.Scope.READ, 30);

        assertThat(new Browser(port).get("/api/v1/rounds", "Authorization", "Bearer " + read.plainToken()).statusCode())
                .isEqualTo(200);
        var refused = new Browser(port).postJson("/api/v1/rounds", body, "Authorization", "Bearer " + read.plainToken());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains("bara läsa");
        assertThat(jdbc.sql("select count(*) from round where title = 'Smygomgång' and unit_id = ?").param(org.unitId())
                .query(Integer.class).single()).isZero();

        // The same request with a write token goes through, so it was the scope that stopped it.
        var write = tokens.create(id(org.processLead()), "writer", ApiTokens.Scope.WRITE, 30);
        assertThat(new Browser(port).postJson("/api/v1/rounds", body, "Authorization", "Bearer " + write.plainToken())
                .statusCode()).isEqualTo(201);
    }

    @Test
    void aTokenCannotMintTokens() {
        var org = fixtures.organisation();
        var staffId = id(org.manager());
        var token = tokens.create(staffId, "script", ApiTokens.Scope.WRITE, 30);

        var response = new Browser(port).postJson("/api/v1/me/tokens", "{\"name\":\"successor\",\"days\":365}",
                "Authorization", "Bearer " + token.plainToken());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(tokenCount(staffId)).isEqualTo(1);
    }

    @Test
    void aTokenOpensNoPagesSoItCannotMintThroughTheProfileForm() {
        var org = fixtures.organisation();
        var staffId = id(org.manager());
        var token = tokens.create(staffId, "script", ApiTokens.Scope.WRITE, 30);

        // Bearer requests skip the CSRF check, so a token on the profile form would otherwise mint freely.
        var response = new Browser(port).postFormRaw("/profile/tokens", Map.of("name", "successor"));
        assertThat(response.statusCode()).isNotEqualTo(200);
        var withToken = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/profile/tokens"))
                .header("Authorization", "Bearer " + token.plainToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=successor&scope=WRITE&days=365")).build());
        assertThat(withToken.statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/profile"))
                .header("Authorization", "Bearer " + token.plainToken()).GET().build()).statusCode()).isEqualTo(401);
        assertThat(tokenCount(staffId)).isEqualTo(1);
    }

    @Test
    void afterAPasswordChangeTheOldTokenAndTheOtherSessionsAreRefused() {
        var org = fixtures.organisation();
        var username = org.interviewers().get(0);
        var token = tokens.create(id(username), "script");
        var stolen = new Browser(port);
        stolen.login(username, TestFixtures.PASSWORD);
        var stolenCookie = stolen.sessionCookie();
        assertThat(stolen.get("/profile").statusCode()).isEqualTo(200);

        var owner = new Browser(port);
        owner.login(username, TestFixtures.PASSWORD);
        var changed = owner.postForm("/profile", "/profile/password", Map.of("currentPassword", TestFixtures.PASSWORD,
                "newPassword", "ett-helt-nytt-losenord", "repeatPassword", "ett-helt-nytt-losenord"));
        assertThat(changed.statusCode()).isEqualTo(302);

        assertThat(me(token.plainToken()).statusCode()).isEqualTo(401);
        assertThat(stolen.get("/profile").statusCode()).isEqualTo(302);
        assertThat(replay(stolenCookie).statusCode()).isEqualTo(302);
        // The owner stays signed in where they changed it.
        assertThat(owner.get("/profile").statusCode()).isEqualTo(200);
    }

    @Test
    void afterTheAccountIsDisabledItsTokenAndSessionsAreRefusedAndGone() {
        var org = fixtures.organisation();
        var username = org.interviewers().get(1);
        var staffId = id(username);
        var token = tokens.create(staffId, "script");
        var session = new Browser(port);
        session.login(username, TestFixtures.PASSWORD);
        var cookie = session.sessionCookie();

        organization.setEnabled(staffId, false);

        assertThat(me(token.plainToken()).statusCode()).isEqualTo(401);
        assertThat(replay(cookie).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(username)
                .query(Integer.class).single()).isZero();
        // Enabling the account again does not bring the old token back.
        organization.setEnabled(staffId, true);
        assertThat(me(token.plainToken()).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> replay(String cookie) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/profile")).header("Cookie", cookie)
                .GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
