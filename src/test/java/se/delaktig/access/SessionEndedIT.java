package se.delaktig.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CaptureWorld;

/**
 * A page's own scripts learn that the session ended from a 401 with the Delaktig-Session marker –
 * also when the CSRF token they send belonged to the session that is gone – while a page navigation
 * keeps the login redirect or the HTML error page. After signing in again, /session/state gives the
 * same person a fresh token, and nobody else.
 */
@IntegrationTest
class SessionEndedIT {

    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern STATE_TOKEN = Pattern.compile("\"csrfToken\":\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired CaptureWorld worlds;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpRequest.Builder form(String path, String body) {
        return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private void login(String username) throws Exception {
        var page = send(request("/login"));
        var token = META_TOKEN.matcher(page.body());
        assertThat(token.find()).isTrue();
        var answer = send(form("/login", "username=" + username + "&password=" + TestFixtures.PASSWORD
                + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(302);
    }

    private String pageToken(String path) throws Exception {
        var matcher = META_TOKEN.matcher(send(request(path)).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void scriptsGetA401WithAMarkerAndPagesKeepTheirHtml() throws Exception {
        var w = worlds.create();
        login(w.interviewer());
        var autosave = "/interviews/" + w.interviewId() + "/autosave";
        var token = pageToken("/interviews/" + w.interviewId());

        var alive = send(request("/session/ping").header("Sec-Fetch-Mode", "cors"));
        assertThat(alive.statusCode()).isEqualTo(204);
        assertThat(alive.body()).isEmpty();
        // For docs: the size of the keep-alive answer (status line and headers; there is no body).
        System.out.println("Keep-alive answer: " + (17 + alive.headers().map().entrySet().stream()
                .mapToInt(e -> e.getValue().stream().mapToInt(v -> e.getKey().length() + v.length() + 4).sum()).sum()) + " bytes");

        jdbc.sql("delete from spring_session where principal_name = ?").param(w.interviewer()).update();

        // fetch (the browser's Sec-Fetch-Mode), htmx and XMLHttpRequest: 401, marker, problem detail.
        for (var header : new String[][] {{"Sec-Fetch-Mode", "cors"}, {"HX-Request", "true"}, {"X-Requested-With", "XMLHttpRequest"}}) {
            var refused = send(form(autosave, "version=0&notes=Kvar").header("X-CSRF-TOKEN", token).header(header[0], header[1]));
            assertThat(refused.statusCode()).as(header[0]).isEqualTo(401);
            assertThat(refused.headers().firstValue(SessionEnded.HEADER)).hasValue("ended");
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"type\":\"" + SessionEnded.ENDED_TYPE + "\"").contains("Din inloggning har gått ut");
        }
        var ping = send(request("/session/ping").header("Sec-Fetch-Mode", "cors"));
        assertThat(ping.statusCode()).isEqualTo(401);
        assertThat(ping.headers().firstValue(SessionEnded.HEADER)).hasValue("ended");

        // A page navigation (a plain form post, a link) is not a script: no marker, no JSON. The plain post
        // lands on an HTML page that shows what was typed, ready to copy.
        var post = send(form("/interviews/" + w.interviewId(), "version=0&action=save&answers%5B1%5D.value=YES&notes="
                + URLEncoder.encode("Barnet vill <b>träffas</b> oftare", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).header("Sec-Fetch-Mode", "navigate"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.headers().firstValue(SessionEnded.HEADER)).isEmpty();
        assertThat(post.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(post.body()).contains("Inloggningen har gått ut").contains("Här är texterna du skrev")
                .contains("Barnet vill &lt;b&gt;träffas&lt;/b&gt; oftare").doesNotContain(">YES<");
        assertThat(send(request("/session/ended")).statusCode()).isEqualTo(302);
        var link = send(request("/interviews/" + w.interviewId()).header("Sec-Fetch-Mode", "navigate"));
        assertThat(link.statusCode()).isEqualTo(302);
        assertThat(link.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        // Signed in again: the old page's token is stale (403 with its own marker), /session/state gives a new one.
        login(w.interviewer());
        var stale = send(form(autosave, "version=0&notes=Kvar").header("X-CSRF-TOKEN", token).header("Sec-Fetch-Mode", "cors"));
        assertThat(stale.statusCode()).isEqualTo(403);
        assertThat(stale.headers().firstValue(SessionEnded.HEADER)).hasValue("stale-token");

        var someoneElse = send(request("/session/state?user=" + w.otherInterviewer()).header("Sec-Fetch-Mode", "cors"));
        assertThat(someoneElse.statusCode()).isEqualTo(200);
        assertThat(someoneElse.body()).contains("\"sameUser\":false").doesNotContain("csrfToken");

        var state = send(request("/session/state?user=" + w.interviewer()).header("Sec-Fetch-Mode", "cors"));
        assertThat(state.body()).contains("\"sameUser\":true");
        var fresh = STATE_TOKEN.matcher(state.body());
        assertThat(fresh.find()).isTrue();
        var saved = send(form(autosave, "version=0&notes=Kvar").header("X-CSRF-TOKEN", fresh.group(1))
                .header("Sec-Fetch-Mode", "cors").header("Accept", "application/json"));
        assertThat(saved.statusCode()).isEqualTo(200);
    }
}
