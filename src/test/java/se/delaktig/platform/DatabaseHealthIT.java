package se.delaktig.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;

/**
 * What a supervisor and a person see of the database's health: durability switched on in the running
 * server, liveness and readiness for everyone with the status only, details for administrators, no
 * other Actuator endpoint, and while the database is away a 503 page in the person's language, a
 * problem detail for the API and a readiness probe that says DOWN while liveness stays UP.
 */
@IntegrationTest
class DatabaseHealthIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    DatabaseAvailability availability;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theRunningServerWritesDurably() {
        for (var setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
            assertThat(jdbc.sql("show " + setting).query(String.class).single()).as(setting).isEqualTo("on");
        }
    }

    @Test
    void probesAnswerWithoutLoginAndShowOnlyTheStatus() throws Exception {
        for (var path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("components")
                    .doesNotContain("details").doesNotContain("PostgreSQL");
        }
    }

    @Test
    void onlyAnAdministratorSeesTheComponentsAndReadinessHoldsTheDatabaseButLivenessDoesNot() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(user("health-admin").roles("STAFF", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.database.status").value("UP"))
                .andExpect(jsonPath("$.components.database.details.database").exists())
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness").with(user("health-admin").roles("STAFF", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.livenessState.status").value("UP"))
                .andExpect(jsonPath("$.components.database").doesNotExist());
        mvc.perform(get("/actuator/health/readiness").with(user("health-staff").roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    void noOtherActuatorEndpointIsThere() throws Exception {
        for (var path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/info",
                "/actuator/configprops", "/actuator/heapdump", "/actuator/loggers"}) {
            var status = mvc.perform(get(path).with(user("health-admin").roles("STAFF", "ADMIN"))).andReturn().getResponse()
                    .getStatus();
            assertThat(status).as(path).isEqualTo(404);
        }
    }

    @Test
    void whileTheDatabaseIsAwayEveryoneGetsA503AtOnceAndReadinessSaysDown() throws Exception {
        availability.markAway("test: database held away");
        availability.holdOutage(true);
        try {
            var page = send("GET", "/rounds?year=2026", null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).contains("60");
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
            assertThat(page.body()).contains("lang=\"sv\"").contains("Tjänsten är tillfälligt otillgänglig")
                    .contains("Inget av det du har sparat har gått förlorat.").contains("Försök igen om en minut.")
                    .contains("href=\"/rounds?year=2026\"");

            var english = send("GET", "/", "delaktig-lang=en");
            assertThat(english.statusCode()).isEqualTo(503);
            assertThat(english.body()).contains("lang=\"en\"").contains("The service is temporarily unavailable")
                    .contains("Nothing you have saved has been lost.");

            var posted = send("POST", "/interviews/1", null);
            assertThat(posted.statusCode()).isEqualTo(503);
            assertThat(posted.body()).contains("Det du skickade nyss har inte sparats.");

            var api = send("GET", "/api/v1/me", null);
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(api.headers().firstValue("Retry-After")).contains("60");
            assertThat(api.body()).contains("\"status\":503").contains("\"title\":\"Tjänsten är tillfälligt otillgänglig\"")
                    .contains("\"instance\":\"/api/v1/me\"");

            assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(503);
            assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        } finally {
            availability.holdOutage(false);
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!availability.available() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(availability.available()).as("the probe finds the database again").isTrue();
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
