package se.delaktig.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;

@IntegrationTest
class ProfileIT {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Organization organization;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theProfileShowsWhoIAmAndWhereIWork() {
        var org = fixtures.organisation();
        var browser = new Browser(port);
        browser.login(org.interviewers().get(0), TestFixtures.PASSWORD);

        var page = browser.get("/profile").body();

        assertThat(page).contains("Ida Intervjuare").contains(org.interviewers().get(0))
                .contains("Barn och familj " + org.suffix() + ", Testkommun " + org.suffix()).contains("Intervjuare");
    }

    @Test
    void aTokenIsShownOnceAndCanBeRevoked() {
        var org = fixtures.organisation();
        var browser = new Browser(port);
        browser.login(org.processLead(), TestFixtures.PASSWORD);

        var result = browser.postForm("/profile", "/profile/tokens", Map.of("name", "Kvartalsrapport"));
        assertThat(result.statusCode()).isEqualTo(200);
        var matcher = Pattern.compile("id=\"plain-token\"[^>]*value=\"(dlk_[A-Za-z0-9_-]+)\"").matcher(result.body());
        assertThat(matcher.find()).isTrue();
        var plain = matcher.group(1);
        assertThat(result.body()).contains("data-copy-target=\"#plain-token\"").contains("Authorization: Bearer");

        var profile = browser.get("/profile").body();
        assertThat(profile).contains("Kvartalsrapport").contains(plain.substring(0, 10)).doesNotContain(plain);
        assertThat(new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + plain).statusCode()).isEqualTo(200);

        var leadId = organization.staffByUsername(org.processLead()).orElseThrow().id();
        var tokenId = tokens.of(leadId).get(0).id();
        var revoked = browser.postForm("/profile", "/profile/tokens/" + tokenId + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(new Browser(port).get("/api/v1/me", "Authorization", "Bearer " + plain).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select action from audit_event where actor = ? and record_type = 'api_token' order by id")
                .param(org.processLead()).query(String.class).list())
                .containsExactly("CREATE_API_TOKEN", "REVOKE_API_TOKEN");
    }

    @Test
    void someoneElsesTokenCannotBeRevoked() {
        var org = fixtures.organisation();
        var managerId = organization.staffByUsername(org.manager()).orElseThrow().id();
        var token = tokens.create(managerId, "chefens");
        var browser = new Browser(port);
        browser.login(org.processLead(), TestFixtures.PASSWORD);

        var attempt = browser.postForm("/profile", "/profile/tokens/" + token.id() + "/revoke", Map.of());

        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(tokens.of(managerId).get(0).active()).isTrue();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndTwoEqualNewOnes() {
        var org = fixtures.organisation();
        var username = org.interviewers().get(1);
        var browser = new Browser(port);
        browser.login(username, TestFixtures.PASSWORD);

        var wrongCurrent = browser.postForm("/profile", "/profile/password",
                Map.of("currentPassword", "fel-losenord", "newPassword", "ett-nytt-langt-losenord", "repeatPassword", "ett-nytt-langt-losenord"));
        assertThat(wrongCurrent.statusCode()).isEqualTo(200);
        assertThat(wrongCurrent.body()).contains("Det nuvarande lösenordet stämmer inte").contains("aria-invalid=\"true\"")
                .doesNotContain("ett-nytt-langt-losenord");

        var mismatch = browser.postForm("/profile", "/profile/password",
                Map.of("currentPassword", TestFixtures.PASSWORD, "newPassword", "ett-nytt-langt-losenord", "repeatPassword", "ett-annat-losenord"));
        assertThat(mismatch.body()).contains("Lösenorden är inte likadana");

        var tooShort = browser.postForm("/profile", "/profile/password",
                Map.of("currentPassword", TestFixtures.PASSWORD, "newPassword", "kort", "repeatPassword", "kort"));
        assertThat(tooShort.body()).contains("minst 12 tecken");

        var ok = browser.postForm("/profile", "/profile/password",
                Map.of("currentPassword", TestFixtures.PASSWORD, "newPassword", "ett-nytt-langt-losenord", "repeatPassword", "ett-nytt-langt-losenord"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(browser.get("/profile").body()).contains("Ditt lösenord är bytt.");

        var again = new Browser(port);
        assertThat(again.login(username, TestFixtures.PASSWORD).headers().firstValue("Location").orElse("")).endsWith("/login?error");
        assertThat(again.login(username, "ett-nytt-langt-losenord").headers().firstValue("Location").orElse("")).doesNotContain("/login");
    }
}
