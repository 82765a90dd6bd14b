package se.delaktig.bench;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load and fault harness: {@code ./bench/run.sh} (see docs/performance.md). Starts Delaktig as a
 * separate process on an embedded-PostgreSQL data directory, builds the data set through the
 * application's own services the first time ({@link BenchSeeder}), then
 * <ol>
 *   <li>for each N: N interviewers save their own interview for a fixed time, and N JDBC threads do
 *       the same number of single-row updates on the same PostgreSQL (the floor);</li>
 *   <li>kill -9 of the application in the middle of the load, restart, and read back every
 *       acknowledged save;</li>
 *   <li>kill -9 of the embedded postmaster in the middle of the load, wait for saves to succeed again
 *       (restarting the application as a supervisor would if it does not recover by itself), and read
 *       back every acknowledged save.</li>
 * </ol>
 * Latencies are observed by the client over loopback, so they include the HTTP round trip.
 */
public final class Bench {

    private static final long EXITED = -2;

    private final Map<String, String> options;
    private final AppProcess app;
    private final ServerTimes serverTimes;
    private final Properties manifest = new Properties();
    private final HttpClient http;
    private final Duration timeout;
    private final StringBuilder markdown = new StringBuilder();

    private Bench(Map<String, String> options) {
        this.options = options;
        var dataDir = Path.of(option("data-dir", "/tmp/delaktig-bench")).toAbsolutePath();
        var args = new ArrayList<>(List.of("--delaktig.bench.scale=" + option("scale", "0.1"),
                "--delaktig.bench.savers=" + maxSavers(), "--delaktig.login.second-factor=optional",
                "--delaktig.bench.seed-threads=" + option("seed-threads", "2")));
        serverTimes = new ServerTimes(dataDir.resolve("bench").resolve("access"));
        args.addAll(ServerTimes.arguments(dataDir.resolve("bench").resolve("access")));
        app = new AppProcess(Path.of(option("jar", "target/bench/delaktig-bench.jar")).toAbsolutePath(), dataDir,
                Integer.parseInt(option("port", "18490")), args);
        timeout = Duration.ofSeconds(Long.parseLong(option("timeout", "30")));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<String, String>();
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("Options are --name=value; see docs/performance.md. Not understood: " + arg);
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new Bench(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private List<Integer> saverCounts() {
        return Arrays.stream(option("savers", "10,50,100").split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private int maxSavers() {
        return Math.max(saverCounts().stream().mapToInt(Integer::intValue).max().orElse(10),
                Integer.parseInt(option("fault-savers", "10")));
    }

    private void run() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.shutdown();
            } catch (Exception e) {
                // best effort
            }
        }));
        markdown.append("Run ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, data directory ").append(app.dataDir()).append("\n\n");
        say("Starting Delaktig (java -jar) on " + app.dataDir() + ", log in " + app.dataDir().resolve("bench"));
        app.start();
        var manifestFile = app.dataDir().resolve("bench").resolve("manifest.properties");
        var seedStart = System.nanoTime();
        var fresh = !Files.exists(manifestFile);
        if (app.awaitReady(Duration.ofMinutes(5)) < 0) {
            fail("Delaktig did not start; see " + app.currentLog());
        }
        while (!Files.exists(manifestFile)) {
            if (!app.alive()) {
                fail("Delaktig stopped while building the data set; see " + app.currentLog());
            }
            Thread.sleep(1000);
        }
        try (var in = Files.newBufferedReader(manifestFile, StandardCharsets.UTF_8)) {
            manifest.load(in);
        }
        var dataset = String.format(Locale.ROOT, "Data set: %s interviews in %s rounds (13 municipalities × 5 units × %d years, scale %s), "
                        + "built through the services in %.1f s (%s), plus %s load interviewers",
                manifest.getProperty("interviews"), manifest.getProperty("rounds"),
                Integer.parseInt(manifest.getProperty("rounds")) / 65, manifest.getProperty("scale"),
                Long.parseLong(manifest.getProperty("datasetMillis")) / 1000.0, fresh ? "this run" : "an earlier run",
                manifest.getProperty("savers"));
        say(dataset);
        markdown.append(dataset).append(".\n\n");
        if (fresh) {
            say(String.format(Locale.ROOT, "(wall time from start to manifest: %.1f s)", (System.nanoTime() - seedStart) / 1e9));
        }
        if (!option("load", "true").equals("false")) {
            load();
        }
        if (!option("fault", "true").equals("false")) {
            fault();
        }
        app.shutdown();
        var report = app.dataDir().resolve("bench").resolve("report-" + Instant.now().toString().replace(':', '-') + ".md");
        Files.writeString(report, markdown.toString(), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("---- markdown for docs/performance.md (also in " + report + ") ----");
        System.out.println(markdown);
    }

    // load --------------------------------------------------------------------------------------

    private void load() throws Exception {
        var warmup = Long.parseLong(option("warmup", "5")) * 1000;
        var duration = Long.parseLong(option("duration", "30")) * 1000;
        // 0: each interviewer saves again as soon as the answer comes (a stress test); otherwise the pause
        // after each save, e.g. 3000 for the interview page's own rhythm (it saves 3 s after the last keystroke).
        var pause = Long.parseLong(option("pause-ms", "0"));
        markdown.append(pause == 0 ? "Each interviewer saves again as soon as the answer comes (no pause).\n\n"
                        : "Each interviewer pauses " + pause + " ms after each save (the interview page saves 3 s after the last keystroke).\n\n")
                .append("| Savers | Saves | Saves/s | Client p50 / p95 / p99 ms | Server p50 / p95 / p99 ms | Errors | Row floor p50 / p95 ms | Server p95 / row floor p95 | Save-work floor p50 / p95 / p99 ms | Server p95 / save-work floor p95 | Client p95 / save-work floor p95 |\n")
                .append("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (var n : saverCounts()) {
            say("Load: " + n + " interviewers, " + warmup / 1000 + " s warm-up, " + duration / 1000 + " s measured");
            var savers = signIn(n);
            var stats = new Stats();
            var stop = new AtomicBoolean();
            var measureFrom = System.nanoTime() + warmup * 1_000_000;
            var measureTo = measureFrom + duration * 1_000_000;
            var wallFrom = System.currentTimeMillis() + warmup;
            var wallTo = wallFrom + duration;
            var inWindow = new AtomicInteger();
            var threads = new ArrayList<Thread>();
            for (var saver : savers) {
                var thread = new Thread(() -> {
                    var jitter = new java.util.Random(saver.index);
                    if (pause > 0) {
                        // Spread the first saves over one pause: people do not start typing in step.
                        sleep(jitter.nextLong(pause));
                    }
                    while (!stop.get()) {
                        var result = saver.save();
                        // Every save that ends after the warm-up counts, the ones still running at the end included,
                        // so that saves which hang show up in the figures.
                        var endedAt = System.nanoTime();
                        if (endedAt >= measureFrom) {
                            if (result.outcome() == Saver.Outcome.OK) {
                                stats.add(result.nanos());
                                if (endedAt <= measureTo) {
                                    inWindow.incrementAndGet();
                                }
                            } else {
                                stats.error(result.outcome() == Saver.Outcome.HTTP_ERROR ? "HTTP " + result.status()
                                        : result.outcome().name());
                            }
                        }
                        if (result.outcome() == Saver.Outcome.CONFLICT || result.outcome() == Saver.Outcome.SIGNED_OUT
                                || result.outcome() == Saver.Outcome.TIMEOUT) {
                            saver.reload();
                        }
                        if (pause > 0 && !stop.get()) {
                            sleep(pause);
                        }
                    }
                }, "saver-" + saver.index);
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(warmup + duration);
            stop.set(true);
            for (var thread : threads) {
                thread.join();
            }
            var rate = inWindow.get() / (duration / 1000.0);
            // Tomcat writes a line once the answer is out; give the last ones a moment to land.
            Thread.sleep(500);
            var server = serverTimes.saves(wallFrom, wallTo);
            say(String.format(Locale.ROOT, "  app:   %d saves, %.1f/s, client p50 %s ms, p95 %s ms, p99 %s ms; server p50 %s ms, p95 %s ms, p99 %s ms (%d saves); errors %s",
                    stats.count(), rate, ms(stats.percentile(50)), ms(stats.percentile(95)), ms(stats.percentile(99)),
                    ms(server.percentile(50)), ms(server.percentile(95)), ms(server.percentile(99)), server.count(),
                    stats.errorText()));
            var perThread = stats.count() < n ? Integer.MAX_VALUE : stats.count() / n;
            var floor = new Floor(app.postgresPort(), app.ownerPassword()).run(n, perThread, 1000, duration, pause);
            var ratio = server.percentile(95) / floor.percentile(95);
            say(String.format(Locale.ROOT, "  row floor: %d updates, p50 %s ms, p95 %s ms, p99 %s ms, errors %s; server p95 / floor p95 = %s",
                    floor.count(), ms(floor.percentile(50)), ms(floor.percentile(95)), ms(floor.percentile(99)),
                    floor.errorText(), ratio(ratio)));
            var interviewIds = savers.stream().map(saver -> saver.interviewId).toList();
            var work = new SaveWorkFloor(app.postgresPort(), app.ownerPassword())
                    .run(interviewIds, perThread, 1000, duration, pause);
            var workRatio = server.percentile(95) / work.percentile(95);
            var clientWorkRatio = stats.percentile(95) / work.percentile(95);
            say(String.format(Locale.ROOT, "  save-work floor: %d saves' SQL, p50 %s ms, p95 %s ms, p99 %s ms, errors %s; server p95 / floor p95 = %s (client p95: %s)",
                    work.count(), ms(work.percentile(50)), ms(work.percentile(95)), ms(work.percentile(99)),
                    work.errorText(), ratio(workRatio), ratio(clientWorkRatio)));
            markdown.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %s / %s / %s | %s / %s / %s | %s | %s / %s | %s | %s / %s / %s | %s | %s |\n",
                    n, stats.count(), rate, ms(stats.percentile(50)), ms(stats.percentile(95)), ms(stats.percentile(99)),
                    ms(server.percentile(50)), ms(server.percentile(95)), ms(server.percentile(99)),
                    stats.errorText(), ms(floor.percentile(50)), ms(floor.percentile(95)), ratio(ratio),
                    ms(work.percentile(50)), ms(work.percentile(95)), ms(work.percentile(99)), ratio(workRatio),
                    ratio(clientWorkRatio)));
        }
        markdown.append("\n");
    }

    private List<Saver> signIn(int n) throws InterruptedException {
        var available = Integer.parseInt(manifest.getProperty("savers"));
        if (n > available) {
            fail("The data directory has " + available + " load interviewers, " + n + " asked for: use a new --data-dir");
        }
        var questions = Arrays.stream(manifest.getProperty("questions").split(",")).map(Long::parseLong).toList();
        var savers = new ArrayList<Saver>();
        for (int i = 0; i < n; i++) {
            var saver = new Saver(i, manifest.getProperty("user." + i), manifest.getProperty("password"),
                    Long.parseLong(manifest.getProperty("interview." + i)), questions, app.baseUrl(), http, timeout);
            for (int attempt = 0; !saver.signIn(); attempt++) {
                if (attempt == 5) {
                    fail("Could not sign in as " + manifest.getProperty("user." + i));
                }
                Thread.sleep(1000);
            }
            savers.add(saver);
        }
        return savers;
    }

    // faults ------------------------------------------------------------------------------------

    /** What the savers of a fault run did. */
    private static final class FaultLoad {
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong lastFailure = new AtomicLong();
        final AtomicLong firstFailureAfter = new AtomicLong();
        final AtomicLong firstSuccessAfter = new AtomicLong();
        final AtomicInteger unverified = new AtomicInteger();
        /**
         * Read-backs one at a time: they check the saves, they are not the load, and they must not
         * themselves run into a pool exhausted by concurrent requests.
         */
        final java.util.concurrent.Semaphore readBacks = new java.util.concurrent.Semaphore(1);
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        volatile long faultAt = Long.MAX_VALUE;
        volatile long verifyUntil = Long.MAX_VALUE;
    }

    private void fault() throws Exception {
        var n = Integer.parseInt(option("fault-savers", "10"));
        var before = Long.parseLong(option("fault-before", "10")) * 1000;
        var after = Long.parseLong(option("fault-after", "10")) * 1000;
        var recoveryLimit = Duration.ofSeconds(Long.parseLong(option("recovery-timeout", "60")));
        markdown.append("| Fault (").append(n).append(" savers) | Acknowledged | Lost | First restart | Answers again after | Saves succeed again after | Notes |\n")
                .append("|---|---:|---:|---|---:|---:|---|\n");

        // 1. kill -9 of the application, restarted at once.
        say("Fault 1: kill -9 of the application after " + before / 1000 + " s of load with " + n + " savers");
        var load = startFaultLoad(n);
        Thread.sleep(before);
        load.faultAt = System.nanoTime();
        app.kill9();
        var killedAt = System.nanoTime();
        say("  killed the application (pid " + app.pid() + "); starting it again");
        app.start();
        var ready = app.awaitReady(Duration.ofMinutes(3));
        var firstRestart = ready >= 0;
        var notes = new StringBuilder();
        if (!firstRestart) {
            say("  the first restart FAILED (see " + app.currentLog() + "); starting it a second time");
            notes.append("first restart failed (").append(firstLine(app.currentLog())).append("); second start ");
            app.start();
            ready = app.awaitReady(Duration.ofMinutes(3));
            notes.append(ready >= 0 ? "worked" : "failed too");
        }
        var answers = (System.nanoTime() - killedAt) / 1_000_000;
        var resumed = awaitSaves(load, recoveryLimit, null);
        Thread.sleep(after);
        finishFaultLoad(load);
        report("kill -9 application", load, firstRestart ? "succeeded" : "FAILED", ready >= 0 ? answers : -1, resumed, notes);

        // 2. kill -9 of the embedded postmaster.
        say("Fault 2: kill -9 of the embedded PostgreSQL postmaster after " + before / 1000 + " s of load");
        load = startFaultLoad(n);
        Thread.sleep(before);
        var pid = app.postmasterPid().orElseThrow(() -> new IllegalStateException("no postmaster.pid"));
        load.faultAt = System.nanoTime();
        AppProcess.kill9(pid);
        killedAt = System.nanoTime();
        say("  killed the postmaster (pid " + pid + "); waiting up to " + recoveryLimit.toSeconds() + " s for saves to succeed");
        notes = new StringBuilder();
        resumed = awaitSaves(load, recoveryLimit, app);
        var restart = "not needed";
        var answersAgain = -1L;
        if (resumed == EXITED) {
            // The other way the issue allows: the application exits with a message and a supervisor starts it.
            var exitedAfter = (System.nanoTime() - killedAt) / 1e9;
            say(String.format(Locale.ROOT, "  the application exited %.1f s after the kill; starting it as a supervisor would", exitedAfter));
            notes.append(String.format(Locale.ROOT, "the application exited after %.1f s (see %s); started again by the harness",
                    exitedAfter, app.currentLog().getFileName()));
        } else if (resumed < 0) {
            say("  no save succeeded within " + recoveryLimit.toSeconds() + " s: the application did not recover by itself;"
                    + " restarting it as a supervisor would");
            notes.append("no recovery by itself within ").append(recoveryLimit.toSeconds()).append(" s; restarted by the harness");
            var stopStart = System.nanoTime();
            app.stop(Duration.ofSeconds(20));
            notes.append(String.format(Locale.ROOT, " (stop took %.1f s)", (System.nanoTime() - stopStart) / 1e9));
        }
        if (resumed < 0) {
            app.start();
            var restartReady = app.awaitReady(Duration.ofMinutes(3));
            restart = restartReady >= 0 ? "succeeded" : "FAILED";
            if (restartReady < 0) {
                app.start();
                restartReady = app.awaitReady(Duration.ofMinutes(3));
                notes.append(restartReady >= 0 ? "; second start worked" : "; second start failed too");
            }
            answersAgain = restartReady >= 0 ? (System.nanoTime() - killedAt) / 1_000_000 : -1;
            resumed = awaitSaves(load, Duration.ofMinutes(2), null);
        } else {
            notes.append("recovered by itself");
        }
        Thread.sleep(after);
        finishFaultLoad(load);
        report("kill -9 postmaster", load, restart, answersAgain, resumed, notes);
        markdown.append("\n");
    }

    private FaultLoad startFaultLoad(int n) throws InterruptedException {
        var load = new FaultLoad();
        var savers = signIn(n);
        for (var saver : savers) {
            var thread = new Thread(() -> {
                var suspect = false;
                while (!load.stop.get()) {
                    if (suspect) {
                        var lost = verify(load, saver);
                        if (lost < 0) {
                            sleep(250);
                            continue;
                        }
                        load.lost.addAndGet(lost);
                        suspect = false;
                    }
                    var result = saver.save();
                    switch (result.outcome()) {
                        case OK -> {
                            load.acknowledged.incrementAndGet();
                            // Saves on connections the dead server's backends still serve do not count as
                            // recovery: only a save that started after the first failure does.
                            var failedAt = load.firstFailureAfter.get();
                            if (failedAt != 0 && System.nanoTime() - result.nanos() > failedAt) {
                                load.firstSuccessAfter.compareAndSet(0, System.nanoTime());
                            }
                        }
                        case CONFLICT, SIGNED_OUT -> suspect = true;
                        default -> {
                            load.failed.incrementAndGet();
                            load.lastFailure.set(System.nanoTime());
                            if (System.nanoTime() > load.faultAt) {
                                load.firstFailureAfter.compareAndSet(0, System.nanoTime());
                            }
                            suspect = true;
                            sleep(250);
                        }
                    }
                }
                // The final read-back: every acknowledged marker must be in the stored notes.
                while (System.nanoTime() < load.verifyUntil) {
                    var lost = verify(load, saver);
                    if (lost >= 0) {
                        load.lost.addAndGet(lost);
                        return;
                    }
                    sleep(500);
                }
                load.unverified.incrementAndGet();
            }, "fault-saver-" + saver.index);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private static int verify(FaultLoad load, Saver saver) {
        try {
            var wait = Math.min(60_000_000_000L, Math.max(0, load.verifyUntil - System.nanoTime()));
            if (!load.readBacks.tryAcquire(wait, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        try {
            return saver.verify();
        } finally {
            load.readBacks.release();
        }
    }

    /**
     * Milliseconds from the fault to the first save that succeeded after saves had started failing,
     * 0 if none failed within the limit while saves went on, -1 if none succeeded within the limit, or
     * {@link #EXITED} if the watched application process ended.
     */
    private static long awaitSaves(FaultLoad load, Duration limit, AppProcess watched) throws InterruptedException {
        var deadline = System.nanoTime() + limit.toNanos();
        var acknowledgedBefore = -1;
        while (System.nanoTime() < deadline) {
            if (watched != null && !watched.alive()) {
                return EXITED;
            }
            var first = load.firstSuccessAfter.get();
            if (first != 0) {
                return (first - load.faultAt) / 1_000_000;
            }
            if (acknowledgedBefore < 0 && deadline - System.nanoTime() < 5_000_000_000L) {
                acknowledgedBefore = load.acknowledged.get();
            }
            Thread.sleep(100);
        }
        // Saves that only hang do not fail before the client's timeout: "unaffected" needs the whole
        // limit without a failure and saves still acknowledged in its last five seconds.
        if (load.firstFailureAfter.get() == 0 && acknowledgedBefore >= 0 && load.acknowledged.get() > acknowledgedBefore) {
            return 0;
        }
        return -1;
    }

    private void finishFaultLoad(FaultLoad load) throws InterruptedException {
        load.verifyUntil = System.nanoTime() + Duration.ofSeconds(Long.parseLong(option("verify-timeout", "120"))).toNanos();
        load.stop.set(true);
        for (var thread : load.threads) {
            thread.join();
        }
    }

    private void report(String name, FaultLoad load, String restart, long answersMillis, long resumedMillis, StringBuilder notes) {
        if (load.unverified.get() > 0) {
            notes.append("; ").append(load.unverified.get()).append(" savers could not read their interview back in time");
        }
        say(String.format(Locale.ROOT, "  %s: %d acknowledged, %d lost, %d failed requests; restart %s; answers again after %s;"
                        + " saves succeed again after %s; %s", name, load.acknowledged.get(), load.lost.get(), load.failed.get(),
                restart, seconds(answersMillis), seconds(resumedMillis), notes));
        markdown.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s; %d failed requests |\n", name,
                load.acknowledged.get(), load.lost.get(), restart, seconds(answersMillis), seconds(resumedMillis), notes,
                load.failed.get()));
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.0f", millis);
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–" : String.format(Locale.ROOT, "%.1f", ratio);
    }

    private static String seconds(long millis) {
        return millis < 0 ? "–" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String firstLine(Path log) {
        try {
            // The first cause from the JDK (under Spring's wrappers), e.g. "java.io.IOException: Gave up waiting …".
            var line = Files.readAllLines(log).stream().filter(l -> l.startsWith("Caused by: java.")).findFirst()
                    .map(l -> l.substring("Caused by: ".length())).orElse("see the log");
            return (line.length() > 160 ? line.substring(0, 160) + "…" : line).replace('|', '/');
        } catch (Exception e) {
            return "see the log";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    private static void fail(String message) {
        say("FAILED: " + message);
        System.exit(1);
    }
}
