package se.delaktig.interview;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;
import se.delaktig.audit.AuditChain;
import se.delaktig.organization.Role;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hundred interviewers save their own interview at the same moment, again and again, through the
 * background save the interview page uses ({@code POST /interviews/{id}/autosave}) over real HTTP, with
 * the application's connection pool of ten. Every save is an audited write: before issue 10 the audit
 * entry asked for a second connection while the first was held, and a dozen savers deadlocked the pool.
 * Now every save answers, none fails, every text can be read back, and the audit chain holds once sealed.
 */
@IntegrationTest
class ConcurrentSavesIT {

    static final int SAVERS = 100;
    /** Twenty signed-in interviewers with five children each: a hundred interviews saved at once. */
    static final int ACCOUNTS = 20;
    static final int SAVES_EACH = 8;

    private static final Pattern VERSION_FIELD = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static final Pattern VERSION_JSON = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    RoundService rounds;

    @Autowired
    ParticipantService participants;

    @Autowired
    Interviews interviews;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    private record Saver(String interviewer, Browser browser, long interviewId) {
    }

    private record Outcome(long interviewId, String lastText, int lastVersion, List<String> errors, long[] millis) {
    }

    @Test
    void aHundredInterviewersSavingAtOnceGetEverySaveStoredAndTheChainHolds() throws Exception {
        var setUp = System.nanoTime();
        var org = fixtures.organisation();
        var guideId = fixtures.smallGuide();
        var accounts = new ArrayList<String>();
        for (int a = 0; a < ACCOUNTS; a++) {
            accounts.add("load" + a + "-" + org.suffix());
        }
        // Creating an account and signing in each hash a password (Argon2): done side by side.
        var accountIds = parallel(accounts, username -> fixtures.staff(username, "Intervjuare " + username,
                org.unitId(), Role.INTERVIEWER));
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan("Last " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                        SAVERS, null)).id());
        // Each interviewer signs in once and has the five interviews open in tabs of one browser session.
        // The first page after signing in creates the session's CSRF token: that one is opened alone.
        var signingIn = System.nanoTime();
        var browsers = parallel(accounts, account -> {
            var browser = new Browser(port);
            assertThat(browser.login(account, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
            assertThat(browser.get("/interviews").statusCode()).isEqualTo(200);
            return browser;
        });
        System.out.printf("ConcurrentSavesIT: %d interviewers signed in in %.1f s%n", ACCOUNTS, (System.nanoTime() - signingIn) / 1e9);
        var savers = new ArrayList<Saver>();
        for (int n = 0; n < SAVERS; n++) {
            var a = n % ACCOUNTS;
            var child = n;
            var participantId = TestFixtures.as(org.processLead(), () -> {
                var p = participants.add(roundId, new ParticipantService.NewParticipant(11, null, "sv", null,
                        "Barn" + child, null, List.of(), List.of()));
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
                participants.assign(p.id(), accountIds.get(a));
                return p.id();
            });
            var interviewId = TestFixtures.as(accounts.get(a), () -> interviews.open(participantId)).id();
            savers.add(new Saver(accounts.get(a), browsers.get(a), interviewId));
        }
        var auditBefore = savesAudited(savers);
        System.out.printf("ConcurrentSavesIT: %d interviews set up in %.1f s%n", SAVERS, (System.nanoTime() - setUp) / 1e9);

        var threads = Executors.newFixedThreadPool(SAVERS);
        var ready = new CountDownLatch(SAVERS);
        var start = new CountDownLatch(1);
        var outcomes = new ConcurrentLinkedQueue<Outcome>();
        long began;
        long ended;
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int n = 0; n < SAVERS; n++) {
                var saver = savers.get(n);
                var number = n;
                tasks.add(() -> {
                    outcomes.add(saveRepeatedly(saver, number, ready, start));
                    return null;
                });
            }
            var futures = tasks.stream().map(threads::submit).toList();
            // Everyone signed in, with the interview open: then all save at once.
            assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
            began = System.nanoTime();
            start.countDown();
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            ended = System.nanoTime();
        } finally {
            threads.shutdownNow();
        }

        var errors = outcomes.stream().flatMap(o -> o.errors().stream()).toList();
        assertThat(errors).as("saves that failed or timed out").isEmpty();
        assertThat(outcomes).hasSize(SAVERS);
        var millis = outcomes.stream().flatMapToLong(o -> Arrays.stream(o.millis())).sorted().toArray();
        var seconds = (ended - began) / 1e9;
        System.out.printf("ConcurrentSavesIT: %d savers, %d saves in %.1f s = %.0f saves/s; p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                SAVERS, millis.length, seconds, millis.length / seconds, percentile(millis, 50), percentile(millis, 95),
                percentile(millis, 99), millis[millis.length - 1]);

        for (var outcome : outcomes) {
            var saver = savers.stream().filter(s -> s.interviewId() == outcome.interviewId()).findFirst().orElseThrow();
            var stored = TestFixtures.as(saver.interviewer(), () -> interviews.get(outcome.interviewId()));
            assertThat(stored.notes()).as("interview " + outcome.interviewId()).isEqualTo(outcome.lastText());
            assertThat(stored.version()).isEqualTo(outcome.lastVersion());
        }
        assertThat(savesAudited(savers) - auditBefore).as("one audit entry per save").isEqualTo((long) SAVERS * SAVES_EACH);
        var verification = chain.verify();
        assertThat(verification.firstBreak()).isNull();
        assertThat(verification.intact()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where chain_seq is null and action = 'SAVE' and record_type = 'interview' and record_id in ("
                        + String.join(",", savers.stream().map(s -> "'" + s.interviewId() + "'").toList()) + ")")
                .query(Long.class).single()).as("every save's entry sealed into the chain").isZero();
    }

    private Outcome saveRepeatedly(Saver saver, int number, CountDownLatch ready, CountDownLatch start)
            throws InterruptedException {
        var errors = new ArrayList<String>();
        var millis = new long[SAVES_EACH];
        // Opened in the interviewer's signed-in session, as a tab of the same browser would.
        var browser = saver.browser();
        var page = browser.get("/interviews/" + saver.interviewId());
        if (page.statusCode() != 200) {
            ready.countDown();
            return new Outcome(saver.interviewId(), null, -1, List.of("page " + page.statusCode()), new long[0]);
        }
        var token = Browser.formToken(page.body());
        var version = versionOn(page.body());
        String text = null;
        ready.countDown();
        start.await();
        for (int s = 0; s < SAVES_EACH; s++) {
            text = "Barnet berättade om skolan, sparning " + (s + 1) + " av intervju " + number + ". "
                    + "Hon vill träffa sin socialsekreterare oftare.";
            var began = System.nanoTime();
            try {
                var response = browser.postFormRaw("/interviews/" + saver.interviewId() + "/autosave",
                        Map.of("_csrf", token, "version", Integer.toString(version), "notes", text));
                millis[s] = (System.nanoTime() - began) / 1_000_000;
                var matcher = VERSION_JSON.matcher(response.body());
                if (response.statusCode() != 200 || !matcher.find()) {
                    errors.add("save " + s + " of " + saver.interviewId() + ": " + response.statusCode() + " " + response.body());
                    break;
                }
                version = Integer.parseInt(matcher.group(1));
            } catch (RuntimeException e) {
                errors.add("save " + s + " of " + saver.interviewId() + ": " + e);
                break;
            }
        }
        return new Outcome(saver.interviewId(), text, version, errors, millis);
    }

    private static <T, R> List<R> parallel(List<T> inputs, java.util.function.Function<T, R> work) throws Exception {
        var threads = Executors.newFixedThreadPool(4);
        try {
            var futures = inputs.stream().map(input -> threads.submit(() -> work.apply(input))).toList();
            var results = new ArrayList<R>();
            for (var future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private long savesAudited(List<Saver> savers) {
        return jdbc.sql("select count(*) from audit_event where action = 'SAVE' and record_type = 'interview' and record_id in ("
                        + String.join(",", savers.stream().map(s -> "'" + s.interviewId() + "'").toList()) + ")")
                .query(Long.class).single();
    }

    private static int versionOn(String html) {
        var matcher = VERSION_FIELD.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no version field on the interview page");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
