package se.delaktig.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import se.delaktig.DelaktigApplication;
import se.delaktig.TestFixtures;
import se.delaktig.access.ApiTokens;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Role;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * The short fault run for CI: interviewers save their interviews over the API, the embedded PostgreSQL
 * is killed with {@code kill -9} in the middle, and the watchdog brings it back. Every save that was
 * answered 200 is still there afterwards, requests during the outage get a quick 503 (never a hang,
 * never a 500), and the application serves saves again without being restarted.
 *
 * <p>Starts an application of its own, on a data directory of its own and always with the embedded
 * database (command-line arguments win over the test profile and an external database), so that
 * killing its database touches no other test.
 */
class DatabaseFaultIT {

    private static final String FIXED_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final int INTERVIEWERS = 6;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(3);
    private static final Duration AFTER_RECOVERY = Duration.ofSeconds(3);
    private static final Duration LONGEST_RUN = Duration.ofSeconds(40);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Result(int worker, long startedNanos, long millis, int status, String body) {
    }

    record Acknowledged(int version, String notes) {
    }

    @Test
    void everyAcknowledgedSaveSurvivesAKilledDatabaseAndRequestsDuringTheOutageFailFast() throws Exception {
        try (var app = start()) {
            var port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            var interviews = prepare(app);
            var database = app.getBean(EmbeddedDatabase.class);
            var results = Collections.synchronizedList(new ArrayList<Result>());
            var acknowledged = new Acknowledged[INTERVIEWERS];
            var started = System.nanoTime();
            var killedAt = new long[] {Long.MAX_VALUE};
            var recoveredAt = new long[] {Long.MAX_VALUE};

            var pool = Executors.newFixedThreadPool(INTERVIEWERS);
            var workers = new ArrayList<Future<?>>();
            for (var i = 0; i < INTERVIEWERS; i++) {
                var worker = i;
                workers.add(pool.submit(() -> {
                    var interview = interviews.get(worker);
                    var version = interview.version();
                    for (var n = 1; ; n++) {
                        var now = System.nanoTime();
                        if (now - started > LONGEST_RUN.toNanos()
                                || (recoveredAt[0] != Long.MAX_VALUE && now - recoveredAt[0] > AFTER_RECOVERY.toNanos())) {
                            return null;
                        }
                        var notes = "Sparning " + n + " av intervjuare " + worker;
                        var result = send(port, worker, "PUT", "/api/v1/interviews/" + interview.id(), interview.token(),
                                "{\"version\":" + version + ",\"notes\":\"" + notes + "\",\"answers\":[]}");
                        results.add(result);
                        if (result.status() == 200) {
                            version = JsonPath.read(result.body(), "$.version");
                            acknowledged[worker] = new Acknowledged(version, notes);
                            if (result.startedNanos() > killedAt[0]) {
                                synchronized (recoveredAt) {
                                    recoveredAt[0] = Math.min(recoveredAt[0], System.nanoTime());
                                }
                            }
                        } else {
                            // Whether an unanswered save went through is unknown: ask before saving again.
                            Thread.sleep(100);
                            version = currentVersion(port, worker, interview, version, started);
                        }
                    }
                }));
            }

            Thread.sleep(BEFORE_KILL.toMillis());
            var postmaster = database.postmasterPid();
            killedAt[0] = System.nanoTime();
            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
            for (var worker : workers) {
                worker.get(LONGEST_RUN.toSeconds() + 30, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(recoveredAt[0]).as("saves are answered 200 again after the kill, without restarting the application")
                    .isNotEqualTo(Long.MAX_VALUE);
            assertThat(database.postmasterPid()).as("the watchdog started a new server").isNotEqualTo(postmaster);
            assertThat(results).as("no save ended in a 500 or worse than a 503").allSatisfy(result ->
                    assertThat(result.status()).isIn(200, 503));
            var duringOutage = results.stream().filter(result -> result.status() == 503).toList();
            assertThat(duringOutage).as("the outage was seen").isNotEmpty();
            assertThat(duringOutage).as("requests during the outage fail fast, none hangs")
                    .allSatisfy(result -> assertThat(result.millis()).isLessThan(10_000));
            assertThat(duringOutage).allSatisfy(result -> assertThat(result.body()).contains("\"status\":503"));

            for (var worker = 0; worker < INTERVIEWERS; worker++) {
                var saved = send(port, worker, "GET", "/api/v1/interviews/" + interviews.get(worker).id(),
                        interviews.get(worker).token(), null);
                assertThat(saved.status()).isEqualTo(200);
                int version = JsonPath.read(saved.body(), "$.version");
                var last = acknowledged[worker];
                assertThat(last).as("interviewer " + worker + " had saves answered").isNotNull();
                assertThat(version).as("no acknowledged save of interviewer " + worker + " is lost")
                        .isGreaterThanOrEqualTo(last.version());
                if (version == last.version()) {
                    assertThat((String) JsonPath.read(saved.body(), "$.notes")).isEqualTo(last.notes());
                }
            }
            var ready = send(port, 0, "GET", "/actuator/health/readiness", null, null);
            assertThat(ready.status()).isEqualTo(200);

            var answered = results.stream().filter(result -> result.status() == 200).count();
            var outageMillis = duringOutage.stream().mapToLong(Result::millis).sorted().toArray();
            System.out.printf("Fault run: %d saves answered 200, %d answered 503, 0 lost; kill -9 of PostgreSQL to the first "
                            + "save answered 200: %d ms; 503 answers took median %d ms, longest %d ms%n", answered,
                    duringOutage.size(), (recoveredAt[0] - killedAt[0]) / 1_000_000, outageMillis[outageMillis.length / 2],
                    outageMillis[outageMillis.length - 1]);
        }
    }

    record Interview(long id, int version, String token) {
    }

    /** One round of a unit of its own; each interviewer has one consenting child and has opened the interview. */
    private static List<Interview> prepare(ConfigurableApplicationContext app) {
        var fixtures = app.getBean(TestFixtures.class);
        var rounds = app.getBean(RoundService.class);
        var participants = app.getBean(ParticipantService.class);
        var interviews = app.getBean(Interviews.class);
        var tokens = app.getBean(ApiTokens.class);
        var org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Felprov " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
        var prepared = new ArrayList<Interview>();
        for (var i = 0; i < INTERVIEWERS; i++) {
            var username = "fault" + i + "-" + org.suffix();
            var interviewer = fixtures.staff(username, "Intervjuare " + i, org.unitId(), Role.INTERVIEWER);
            var participant = TestFixtures.as(org.processLead(), () -> {
                var child = participants.add(round.id(), new ParticipantService.NewParticipant(12, null, "Barn" + interviewer,
                        null, List.of(org.interviewerIds().get(2)), List.of()));
                participants.recordConsent(child.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
                participants.assign(child.id(), interviewer);
                return child.id();
            });
            var opened = TestFixtures.as(username, () -> interviews.open(participant));
            prepared.add(new Interview(opened.id(), opened.version(), tokens.create(interviewer, "felprov").plainToken()));
        }
        return prepared;
    }

    private int currentVersion(int port, int worker, Interview interview, int known, long started) throws InterruptedException {
        while (System.nanoTime() - started < LONGEST_RUN.toNanos()) {
            var current = send(port, worker, "GET", "/api/v1/interviews/" + interview.id(), interview.token(), null);
            if (current.status() == 200) {
                return JsonPath.read(current.body(), "$.version");
            }
            Thread.sleep(100);
        }
        return known;
    }

    private Result send(int port, int worker, String method, String path, String token, String json) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var started = System.nanoTime();
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(worker, started, (System.nanoTime() - started) / 1_000_000, response.statusCode(), response.body());
        } catch (Exception e) {
            // A hang (the 30 s timeout) or a dropped connection: recorded as a failure of its own.
            return new Result(worker, started, (System.nanoTime() - started) / 1_000_000, -1, e.toString());
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DelaktigApplication.class)
                .run("--server.port=0",
                        "--spring.profiles.active=",
                        "--spring.datasource.url=",
                        "--delaktig.data-dir=" + dataDir.toAbsolutePath(),
                        "--delaktig.ephemeral=false",
                        "--delaktig.demo=false",
                        "--DELAKTIG_MASTER_KEY=" + FIXED_KEY,
                        "--DELAKTIG_BOOTSTRAP_ADMIN_USERNAME=",
                        "--DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD=");
    }
}
