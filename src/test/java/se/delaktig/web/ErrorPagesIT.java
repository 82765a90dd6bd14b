package se.delaktig.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

/**
 * Browsers never see JSON: every error a page request can meet comes back as an HTML page in the
 * person's language with a way back, while the API keeps its problem details. Input a form cannot
 * take (a control character, text in a number field, a date outside 1900–2200) is named at the field,
 * with the rest of what was typed kept and nothing stored.
 */
@IntegrationTest
class ErrorPagesIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aFormPostAfterTheSessionEndedGetsAPageThatSaysSoAndLinksToSignInInSwedishAndEnglish() throws Exception {
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (var english : new boolean[] {false, true}) {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rounds"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    // A session that has ended: the server no longer knows it, nor its CSRF token.
                    .header("Cookie", "SESSION=ended" + (english ? "; delaktig-lang=en" : ""))
                    .POST(HttpRequest.BodyPublishers.ofString("title=Barns+r%C3%B6ster&_csrf=stale-token")).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            var html = response.body();
            assertThat(html).doesNotContain("\"status\"").contains("href=\"/login\"", "href=\"/\"");
            // The page of the session module: it says the sign-in ended and shows what was sent, ready to copy.
            assertThat(html).contains("Barns röster");
            if (english) {
                assertThat(html).contains("lang=\"en\"", "Your sign-in has expired", "has not been saved", "Sign in in a new tab",
                        "Back to the previous page");
            } else {
                assertThat(html).contains("lang=\"sv\"", "Inloggningen har gått ut", "är inte sparat", "Logga in i en ny flik",
                        "Tillbaka till föregående sida");
            }
        }
    }

    @Test
    void theApiStillAnswersAnEndedSessionWithAProblemDetail() throws Exception {
        var client = HttpClient.newHttpClient();
        var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rounds"))
                .header("Content-Type", "application/json").header("Cookie", "SESSION=ended")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(401, 403);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownAddressIsAPageNotFoundForPeopleAndAProblemForTheApi() throws Exception {
        var lead = fixtures.organisation().processLead();
        var sv = page(get("/no-such-page").with(user(lead).roles("STAFF")), 404);
        assertThat(sv).contains("Sidan finns inte", "Kontrollera adressen", "href=\"/\"", "Felkod 404",
                // The language link shows the same address in the other language.
                "href=\"/no-such-page?lang=en\"");
        var en = page(get("/no-such-page").param("lang", "en").with(user(lead).roles("STAFF")), 404);
        assertThat(en).contains("Page not found", "To the start page", "Error code 404");

        var api = mvc.perform(get("/api/v1/no-such-thing").with(user(lead).roles("STAFF"))).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(404);
        assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json.readTree(api.getContentAsString(StandardCharsets.UTF_8)).path("title").asString()).isEqualTo("Sidan finns inte");
    }

    @Test
    void aWrongMethodIsAPageForPeopleAndAProblemForTheApi() throws Exception {
        var lead = fixtures.organisation().processLead();
        assertThat(page(get("/rounds/1/advance").with(user(lead).roles("STAFF")), 405))
                .contains("Det går inte att göra så här", "Tillbaka till föregående sida");
        assertThat(page(get("/rounds/1/advance").param("lang", "en").with(user(lead).roles("STAFF")), 405))
                .contains("This cannot be done this way");
        var api = mvc.perform(delete("/api/v1/rounds").with(user(lead).roles("STAFF")).with(csrf())).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(405);
        assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void anUnexpectedErrorAndAnUnavailableServiceArePagesToo() throws Exception {
        var sv = page(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/rounds/1"), 500);
        assertThat(sv).contains("Något gick fel", "Gå tillbaka och försök igen", "href=\"/\"");
        var en = page(get("/error").cookie(new jakarta.servlet.http.Cookie("delaktig-lang", "en"))
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503).requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/rounds"), 503);
        assertThat(en).contains("Delaktig is not available right now", "To the start page");
        var api = mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/rounds")).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(500);
        assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void aMissingOrMistypedParameterOnAPageIsAPageNamingTheField() throws Exception {
        var lead = fixtures.organisation().processLead();
        // GET /rounds/{id}/memo/compare?from=…&to=… takes whole numbers.
        var mistyped = page(get("/rounds/1/memo/compare").param("from", "ett").param("to", "2").with(user(lead).roles("STAFF")), 400);
        assertThat(mistyped).contains("Felaktiga uppgifter", "ett heltal").doesNotContain("\"status\"");
        var missing = page(get("/rounds/1/memo/compare").param("from", "1").with(user(lead).roles("STAFF")), 400);
        assertThat(missing).contains("Felaktiga uppgifter", "Fältet to saknas");
    }

    @Test
    void textInANumberFieldAndADateOutOfRangeAreFieldErrorsAndTheRestIsKept() throws Exception {
        var org = fixtures.organisation();
        var rounds = jdbc.sql("select count(*) from round").query(Long.class).single();
        var response = mvc.perform(post("/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(org.unitId())).param("title", "Barns röster 2026")
                        .param("periodStart", "3026-03-01").param("periodEnd", "2026-06-30")
                        .param("guideId", String.valueOf(fixtures.smallGuide())).param("targetChildren", "10.5")
                        .param("_page", "/rounds/new"))
                .andReturn().getResponse();
        var html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Skriv ett heltal", "Skriv ett datum som ÅÅÅÅ-MM-DD mellan år 1900 och 2200",
                "value=\"Barns röster 2026\"", "value=\"2026-06-30\"");
        // The language link leads to the page the form was on, not to the address that only takes posts.
        assertThat(html).contains("href=\"/rounds/new?lang=en\"").doesNotContain("href=\"?lang=en\"");
        assertThat(jdbc.sql("select count(*) from round").query(Long.class).single()).isEqualTo(rounds);

        // Without the page's script (no _page), the nearest page that can be shown.
        var bare = mvc.perform(post("/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(org.unitId())).param("title", "Barns röster 2026")
                        .param("targetChildren", "abc"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bare).contains("Skriv ett heltal", "href=\"/rounds?lang=en\"");
        var english = mvc.perform(get("/rounds/new").param("lang", "en").with(user(org.processLead()).roles("STAFF")))
                .andReturn().getResponse();
        assertThat(english.getStatus()).isEqualTo(200);
    }

    @Test
    void aFractionInANumberFieldOfAFormWithoutItsOwnErrorDisplayComesBackAsTheFormWithEverythingKept() throws Exception {
        var lead = fixtures.organisation().processLead();
        var response = mvc.perform(post("/rounds/1/quotes/1/edit").with(user(lead).roles("STAFF")).with(csrf())
                        .param("text", "Det barnet sa, ordagrant").param("version", "10.5"))
                .andReturn().getResponse();
        var html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(html).contains("Kontrollera uppgifterna", "här väntas ett heltal", "name=\"version\" value=\"10.5\"",
                "name=\"text\" value=\"Det barnet sa, ordagrant\"", "action=\"/rounds/1/quotes/1/edit\"");
    }

    @Test
    void aNulByteInTheAddressNeverBecomesJson() throws Exception {
        var client = HttpClient.newHttpClient();
        var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rounds/1%00/advance"))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("text/html")).doesNotContain("json");
    }

    @Test
    void aControlCharacterInAFormFieldComesBackAsTheFormWithTheFieldNamedAndNothingStored() throws Exception {
        var org = fixtures.organisation();
        var rounds = jdbc.sql("select count(*) from round").query(Long.class).single();
        var response = mvc.perform(post("/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(org.unitId())).param("title", "Barns\u0000 röster")
                        .param("periodStart", "2026-03-01").param("periodEnd", "2026-06-30")
                        .param("guideId", String.valueOf(fixtures.smallGuide())).param("targetChildren", "5"))
                .andReturn().getResponse();
        var html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(html).contains("Kontrollera uppgifterna", "Fältet ”Titel” innehåller ett osynligt styrtecken",
                "value=\"Barns röster\"", "name=\"periodStart\" value=\"2026-03-01\"", "action=\"/rounds\"", "aria-invalid=\"true\"")
                .doesNotContain("\u0000");
        assertThat(jdbc.sql("select count(*) from round").query(Long.class).single()).isEqualTo(rounds);

        // The API gets a problem detail naming the field, in English when asked.
        var api = mvc.perform(post("/api/v1/rounds").param("lang", "en").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"a\\u0007b\",\"unitId\":" + org.unitId() + "}"))
                .andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(400);
        var problem = json.readTree(api.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("title");
        assertThat(problem.path("detail").asString()).contains("control character");
    }

    @Test
    void theApiRefusesBentNumbersAndDatesNamingTheFieldAndWhatIsExpected() throws Exception {
        var org = fixtures.organisation();
        var body = "{\"unitId\":%d,\"guideId\":%d,\"title\":\"Barns röster\",\"periodStart\":%s,\"periodEnd\":\"2026-06-30\",\"targetChildren\":%s}";
        var fraction = mvc.perform(post("/api/v1/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(org.unitId(), fixtures.smallGuide(), "\"2026-03-01\"", "10.5")))
                .andReturn().getResponse();
        assertThat(fraction.getStatus()).isEqualTo(400);
        var problem = json.readTree(fraction.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("targetChildren");
        assertThat(problem.path("detail").asString()).contains("targetChildren", "heltal");

        var epoch = mvc.perform(post("/api/v1/rounds").param("lang", "en").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(org.unitId(), fixtures.smallGuide(), "20000000", "5")))
                .andReturn().getResponse();
        assertThat(epoch.getStatus()).isEqualTo(400);
        problem = json.readTree(epoch.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("periodStart");
        assertThat(problem.path("detail").asString()).contains("periodStart", "a date is expected");

        var quoted = mvc.perform(post("/api/v1/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(org.unitId(), fixtures.smallGuide(), "\"2026-03-01\"", "\"5\"")))
                .andReturn().getResponse();
        assertThat(quoted.getStatus()).as("a number written as a string").isEqualTo(400);
    }

    private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.accept(MediaType.TEXT_HTML)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("text/html");
        var html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>");
        return html;
    }
}
