package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.ApiTokens;
import se.delaktig.access.Browser;
import se.delaktig.organization.Organization;

/** The API description maps every endpoint; strangers get none of it. */
@IntegrationTest
class ApiDocsAttackIT {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    ApiTokens tokens;

    @Autowired
    Organization organization;

    @Test
    void anAnonymousRequestForTheApiDescriptionGets401Problem() {
        for (var path : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config", "/v3/api-docs.yaml"}) {
            var response = new Browser(port).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).doesNotContain("/api/v1/rounds");
        }
    }

    @Test
    void signedInPeopleAndTokensGetIt() {
        var org = fixtures.organisation();
        var browser = new Browser(port);
        browser.login(org.manager(), TestFixtures.PASSWORD);
        assertThat(browser.get("/v3/api-docs").statusCode()).isEqualTo(200);

        var token = tokens.create(organization.staffByUsername(org.manager()).orElseThrow().id(), "docs",
                ApiTokens.Scope.READ, 1);
        var withToken = new Browser(port).get("/v3/api-docs", "Authorization", "Bearer " + token.plainToken());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(withToken.body(), "$.info.title")).isEqualTo("Delaktig API");
    }
}
