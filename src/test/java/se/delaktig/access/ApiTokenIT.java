package se.delaktig.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;

/** The JSON API with personal tokens and with a browser session, over real HTTP. */
@IntegrationTest
class ApiTokenIT {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Organization organization;

    @Test
    void aValidTokenReachesTheApiAsItsOwner() {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();
        var token = tokens.create(lead.id(), "script");

        var response = new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + token.plainToken());

        assertThat(response.statusCode()).isEqualTo(200);
        var json = response.body();
        assertThat((String) JsonPath.read(json, "$.username")).isEqualTo(org.processLead());
        assertThat((String) JsonPath.read(json, "$.displayName")).isEqualTo("Petra Processledare");
        assertThat(((Number) JsonPath.read(json, "$.roles[0].unitId")).longValue()).isEqualTo(org.unitId());
        assertThat((String) JsonPath.read(json, "$.roles[0].unitName")).isEqualTo("Barn och familj " + org.suffix());
        assertThat((String) JsonPath.read(json, "$.roles[0].role")).isEqualTo("PROCESS_LEAD");
        assertThat(tokens.of(lead.id()).get(0).lastUsedAt()).isNotNull();
    }

    @Test
    void aRevokedTokenIsAnsweredWith401Problem() {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();
        var token = tokens.create(lead.id(), "old script");
        assertThat(tokens.revoke(lead.id(), token.id())).isTrue();

        var response = new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + token.plainToken());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(401);
    }

    @Test
    void aTokenOfADisabledAccountIsRefused() {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();
        var token = tokens.create(lead.id(), "script");
        organization.setEnabled(lead.id(), false);

        var response = new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + token.plainToken());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void withoutTokenOrSessionTheApiAnswers401Problem() {
        var response = new Browser(port).get("/api/v1/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aSignedInBrowserCallsTheApiWithTheCsrfHeader() {
        var org = fixtures.organisation();
        var browser = new Browser(port);
        browser.login(org.manager(), TestFixtures.PASSWORD);

        assertThat(JsonPath.<String>read(browser.get("/api/v1/me").body(), "$.username")).isEqualTo(org.manager());

        var refused = browser.postJson("/api/v1/me/tokens", "{\"name\":\"no header\"}");
        assertThat(refused.statusCode()).isEqualTo(403);

        var csrf = Browser.metaToken(browser.get("/profile").body());
        var created = browser.postJson("/api/v1/me/tokens", "{\"name\":\"with header\"}", "X-CSRF-TOKEN", csrf);
        assertThat(created.statusCode()).isEqualTo(201);
        String plain = JsonPath.read(created.body(), "$.token");
        assertThat(plain).startsWith("dlk_");

        // The token made through the session works on its own.
        var withToken = new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + plain);
        assertThat(withToken.statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenRequestWithoutNameIsAProblemWithTheField() {
        var org = fixtures.organisation();
        var browser = new Browser(port);
        browser.login(org.manager(), TestFixtures.PASSWORD);
        var csrf = Browser.metaToken(browser.get("/profile").body());

        var response = browser.postJson("/api/v1/me/tokens", "{\"name\":\" \"}", "X-CSRF-TOKEN", csrf);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(response.body(), "$.errors[0].field")).isEqualTo("name");
    }
}
