package se.delaktig.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import se.delaktig.DelaktigApplication;
import se.delaktig.TestFixtures;
import se.delaktig.access.ApiTokens;
import se.delaktig.organization.Organization;

/**
 * With an external PostgreSQL nothing is restarted by Delaktig, but it still fails fast while the
 * server is away and serves again by itself when the server is back. The "external" server here is a
 * PostgreSQL of the test's own, which the test kills with {@code kill -9} and later starts again on
 * the same port, as an operator or a database host would.
 */
class ExternalDatabaseRecoveryIT {

    private static final String FIXED_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path serverDir;

    @TempDir
    Path appDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void whileTheExternalServerIsAwayRequestsFailFastAndTheApplicationRecoversByItself() throws Exception {
        try (var server = EmbeddedDatabase.start(serverDir, false); var app = start(server)) {
            assertThat(app.getBeanNamesForType(EmbeddedDatabaseWatchdog.class)).as("no watchdog for an external server").isEmpty();
            var port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            var org = app.getBean(TestFixtures.class).organisation();
            var lead = app.getBean(Organization.class).staffByUsername(org.processLead()).orElseThrow();
            var token = app.getBean(ApiTokens.class).create(lead.id(), "recovery").plainToken();
            assertThat(send(port, "/api/v1/me", token).statusCode()).isEqualTo(200);

            ProcessHandle.of(server.postmasterPid()).orElseThrow().destroyForcibly();
            var millis = new ArrayList<Long>();
            for (var i = 0; i < 5; i++) {
                var started = System.nanoTime();
                var away = send(port, "/api/v1/me", token);
                millis.add((System.nanoTime() - started) / 1_000_000);
                assertThat(away.statusCode()).isEqualTo(503);
                assertThat(away.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
            assertThat(millis).as("no request waits long; once the outage is known, none waits at all")
                    .allSatisfy(time -> assertThat(time).isLessThan(10_000));
            assertThat(millis.subList(1, millis.size())).allSatisfy(time -> assertThat(time).isLessThan(1_000));
            assertThat(send(port, "/actuator/health/readiness", null).statusCode()).isEqualTo(503);
            assertThat(send(port, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);

            server.restart();
            var killedToServed = System.nanoTime();
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            var status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                status = send(port, "/api/v1/me", token).statusCode();
            }
            assertThat(status).as("served again without a restart of the application").isEqualTo(200);
            assertThat(send(port, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            System.out.printf("External database: 503 answers took %s ms; served again %d ms after the server was back%n",
                    millis, (System.nanoTime() - killedToServed) / 1_000_000);
        }
    }

    private HttpResponse<String> send(int port, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext start(EmbeddedDatabase server) {
        return new SpringApplicationBuilder(DelaktigApplication.class)
                .run("--server.port=0",
                        "--spring.profiles.active=",
                        "--spring.datasource.url=" + server.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedDatabase.RUNTIME,
                        "--spring.datasource.password=" + server.runtimePassword(),
                        "--spring.flyway.user=" + EmbeddedDatabase.OWNER,
                        "--spring.flyway.password=" + server.ownerDataSource().getPassword(),
                        "--delaktig.data-dir=" + appDir.toAbsolutePath(),
                        "--delaktig.ephemeral=false",
                        "--delaktig.demo=false",
                        "--DELAKTIG_MASTER_KEY=" + FIXED_KEY,
                        "--DELAKTIG_BOOTSTRAP_ADMIN_USERNAME=",
                        "--DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD=");
    }
}
