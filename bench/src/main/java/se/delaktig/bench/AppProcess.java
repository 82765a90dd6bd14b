package se.delaktig.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Delaktig as a separate process on an embedded-PostgreSQL data directory, started with
 * {@code java -jar}, as an operator or a supervisor would: start, wait until it answers, kill -9,
 * stop. Also reads the embedded PostgreSQL's postmaster.pid and the database passwords the floor uses.
 */
final class AppProcess {

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private Process process;
    private int starts;

    AppProcess(Path jar, Path dataDir, int port, List<String> extraArgs) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    void start() throws IOException {
        if (starts == 0) {
            // Logs of earlier runs on the same data directory stay; this run numbers on after them.
            try (var files = Files.list(Files.createDirectories(dataDir.resolve("bench")))) {
                starts = (int) files.filter(f -> f.getFileName().toString().matches("app-\\d+\\.log")).count();
            }
        }
        starts++;
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>(List.of(java, "-XX:+UseSerialGC", "-Xmx768m", "-jar", jar.toString()));
        command.addAll(extraArgs);
        var builder = new ProcessBuilder(command);
        builder.environment().put("DELAKTIG_DATA_DIR", dataDir.toString());
        builder.environment().put("PORT", Integer.toString(port));
        var log = dataDir.resolve("bench").resolve("app-" + starts + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
    }

    Path currentLog() {
        return dataDir.resolve("bench").resolve("app-" + starts + ".log");
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Milliseconds until GET /login answers 200, or -1 if the process ended first or the time ran out. */
    long awaitReady(Duration timeout) throws InterruptedException {
        var start = System.nanoTime();
        var deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return -1;
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /** kill -9 of the application's JVM. */
    void kill9() throws IOException, InterruptedException {
        kill9(process.pid());
        process.waitFor(10, TimeUnit.SECONDS);
    }

    static void kill9(long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
    }

    /** A polite stop (SIGTERM), then kill -9 after the grace period. */
    void stop(Duration grace) throws InterruptedException, IOException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
            kill9();
        }
    }

    /** The embedded postmaster's pid, from {@code <data-dir>/postgres/postmaster.pid}, if the file is there. */
    OptionalLong postmasterPid() throws IOException {
        var lines = postmasterLines();
        return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
    }

    int postgresPort() throws IOException {
        var lines = postmasterLines();
        if (lines.size() < 4) {
            throw new IllegalStateException("No postmaster.pid in " + dataDir);
        }
        return Integer.parseInt(lines.get(3).trim());
    }

    /** The owner role's password (the role that owns the schema) from the data directory's database.secrets. */
    String ownerPassword() throws IOException {
        var properties = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("database.secrets"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties.getProperty("owner");
    }

    private List<String> postmasterLines() throws IOException {
        var file = dataDir.resolve("postgres").resolve("postmaster.pid");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** At the end: the application stopped, and no PostgreSQL of this data directory left running. */
    void shutdown() throws IOException, InterruptedException {
        stop(Duration.ofSeconds(30));
        var pid = postmasterPid();
        if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            new ProcessBuilder("kill", "-TERM", Long.toString(pid.getAsLong())).inheritIO().start().waitFor();
            var handle = ProcessHandle.of(pid.getAsLong());
            for (int i = 0; i < 40 && handle.map(ProcessHandle::isAlive).orElse(false); i++) {
                Thread.sleep(250);
            }
        }
    }
}
