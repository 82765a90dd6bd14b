package se.delaktig.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL processes that run on one data directory, as the operating system sees them. After a
 * {@code kill -9} of the application its PostgreSQL keeps running (an orphan) or leaves a
 * {@code postmaster.pid} behind whose process is gone, or whose number now belongs to some other
 * program. Either would make the next start fail; {@link #clearForStart} makes the directory
 * startable again, and touches a process only after it has made sure that the process is a
 * {@code postgres} working in exactly this directory.
 *
 * <p>Reads {@code /proc}; where there is none (not Linux) it leaves everything to PostgreSQL's own
 * checks.
 */
final class Postmaster {

    private static final Logger log = LoggerFactory.getLogger(Postmaster.class);
    private static final Path PROC = Path.of("/proc");
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** How long children of a dead postmaster may take to notice and end before they are ended, as a crash would. */
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(2);

    private Postmaster() {
    }

    /** The process number written in the directory's {@code postmaster.pid}, if there is a readable one. */
    static Optional<Long> pidIn(Path directory) {
        try {
            var lines = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process exists and has not ended (a zombie has ended, it only waits to be reaped). */
    static boolean alive(long pid) {
        if (!Files.isDirectory(PROC)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            var stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
            // "1234 (postgres) S 1 …": the state follows the command name in parentheses.
            var state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the process is a live {@code postgres} whose working directory is this data directory. */
    static boolean runsOn(long pid, Path directory) {
        if (!alive(pid)) {
            return false;
        }
        try {
            var process = PROC.resolve(Long.toString(pid));
            var name = Files.readString(process.resolve("comm"), StandardCharsets.US_ASCII).trim();
            // PostgreSQL changes into its data directory as the first thing it does.
            return name.equals("postgres") && Files.readSymbolicLink(process.resolve("cwd")).equals(directory.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Every live {@code postgres} process working in this data directory: a postmaster and its children. */
    static List<Long> processesOn(Path directory) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        var found = new ArrayList<Long>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> runsOn(pid, directory)).forEach(found::add);
        } catch (IOException e) {
            log.debug("Could not list processes", e);
        }
        return found;
    }

    /**
     * Makes the data directory startable: stops an orphaned server of ours, waits for the children of a
     * killed one to end, and removes a {@code postmaster.pid} that no longer stands for a server.
     * Called only while this process holds the directory's lock (zonky's {@code epg-lock}), so a server
     * found here cannot belong to another running Delaktig.
     */
    static void clearForStart(Path directory) {
        var pidFile = directory.resolve("postmaster.pid");
        if (!Files.isDirectory(PROC) || !Files.exists(pidFile)) {
            // Without a postmaster.pid (never started, or stopped cleanly) there is no server to worry about.
            return;
        }
        var pid = pidIn(directory);
        if (pid.isPresent() && runsOn(pid.get(), directory)) {
            log.warn("An embedded PostgreSQL (pid {}) from an earlier run still works in {}; the application that started it "
                    + "is gone. Stopping it cleanly before starting again.", pid.get(), directory);
            stop(pid.get(), directory);
        }
        awaitNoLeftovers(directory);
        if (Files.exists(pidFile)) {
            log.warn("Removing the stale postmaster.pid in {} (pid {} is no longer a PostgreSQL on this directory)", directory,
                    pid.map(Object::toString).orElse("unreadable"));
            delete(pidFile);
        }
        removeStaleSocketLocks(directory);
    }

    /**
     * The unix socket lies in the data directory, with a lock file naming the postmaster. PostgreSQL
     * takes a killed postmaster that nobody has reaped yet (a zombie) for a live one and refuses to
     * start; no process of ours works in the directory any more, so these locks are stale.
     */
    private static void removeStaleSocketLocks(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (var lock : files.filter(file -> file.getFileName().toString().matches("\\.s\\.PGSQL\\.\\d+\\.lock")).toList()) {
                var lines = Files.readAllLines(lock, StandardCharsets.US_ASCII);
                var owner = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
                if (!runsOn(owner, directory)) {
                    log.info("Removing the stale socket lock {} (pid {} is gone)", lock.getFileName(), owner);
                    delete(lock);
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("Could not check the socket lock files in {}: {}", directory, e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("Could not remove the stale " + file, e);
        }
    }

    /** Fast shutdown with the server's own {@code pg_ctl}; failing that, SIGTERM, and SIGKILL as the very last resort. */
    private static void stop(long pid, Path directory) {
        var started = System.nanoTime();
        try {
            var pgCtl = Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("exe")).resolveSibling("pg_ctl");
            var command = new ArrayList<String>();
            if (LinuxUtils.isUnshareAvailable()) {
                // pg_ctl refuses to run as root; zonky starts it the same way.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl.toString(), "stop", "-D", directory.toString(), "-m", "fast", "-w",
                    "-t", Long.toString(STOP_WAIT.toSeconds())));
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                log.warn("pg_ctl could not stop the orphaned PostgreSQL (pid {}): {}", pid, output);
            }
        } catch (IOException e) {
            log.warn("Could not run pg_ctl for the orphaned PostgreSQL (pid {}): {}", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", e);
        }
        if (alive(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!awaitEnd(pid, STOP_WAIT)) {
                log.error("The orphaned PostgreSQL (pid {}) did not stop; killing it. It will recover from its WAL.", pid);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                awaitEnd(pid, Duration.ofSeconds(10));
            }
        }
        log.info("The orphaned PostgreSQL (pid {}) stopped after {} ms", pid, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The children of a killed postmaster notice its death and end on their own, usually at once. A new
     * server must not start while any of them still has the shared memory attached.
     */
    private static void awaitNoLeftovers(Path directory) {
        var deadline = System.nanoTime() + LEFTOVER_WAIT.toNanos();
        var leftovers = processesOn(directory);
        while (!leftovers.isEmpty() && System.nanoTime() < deadline) {
            sleep(100);
            leftovers = processesOn(directory);
        }
        for (var pid : leftovers) {
            log.warn("Ending PostgreSQL process {} ({}), left over from a server that is gone, in {}", pid, title(pid), directory);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            awaitEnd(pid, Duration.ofSeconds(10));
        }
    }

    /** PostgreSQL's process title ("postgres: checkpointer" …), for the log. */
    private static String title(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean awaitEnd(long pid, Duration wait) {
        var deadline = System.nanoTime() + wait.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(50);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL processes to end", e);
        }
    }
}
