package se.delaktig.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL after the hard ways to die: the application killed with {@code kill -9}
 * (its server lives on as an orphan), a {@code postmaster.pid} left behind whose process is gone or is
 * now another program, and the server itself killed while the application runs. Each time the next
 * start, or the watchdog, brings the same data back without help.
 */
class EmbeddedDatabaseRecoveryIT {

    @TempDir
    Path dataDir;

    @Test
    void firstStartAfterTheApplicationWasKilledStopsItsOrphanedServerAndSucceeds() throws Exception {
        var child = new ProcessBuilder(javaCommand(AbandonedDatabaseMain.class.getName(), dataDir.toString(), "before the kill"))
                .redirectErrorStream(true).start();
        long orphan;
        try {
            orphan = awaitReady(child);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Postmaster.runsOn(orphan, dataDir.resolve("postgres"))).as("the killed JVM's server lives on").isTrue();

        try (var database = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(notes(database)).containsExactly("before the kill");
            assertThat(Postmaster.alive(orphan)).as("the orphan was stopped").isFalse();
            assertThat(database.postmasterPid()).isNotEqualTo(orphan);
        }
    }

    @Test
    void staleLockFileOfADeadOrForeignProcessDoesNotStopTheStart() throws Exception {
        try (var database = EmbeddedDatabase.start(dataDir, false)) {
            write(database, "kept");
        }
        var pidFile = dataDir.resolve("postgres/postmaster.pid");
        assertThat(pidFile).as("a clean stop removes it").doesNotExist();

        // A process that has ended: its number is free.
        var ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(pidFile, staleLockFile(ended.pid()), StandardCharsets.US_ASCII);
        try (var database = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(notes(database)).containsExactly("kept");
        }

        // After a reboot the old number often belongs to another program: here, this test's own JVM.
        Files.writeString(pidFile, staleLockFile(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        try (var database = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(notes(database)).containsExactly("kept");
        }
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void watchdogRestartsAKilledServerOnTheSamePortWithEveryCommittedRow() throws Exception {
        try (var database = EmbeddedDatabase.start(dataDir, false)) {
            write(database, "committed");
            var died = new CountDownLatch(1);
            var restarted = new CountDownLatch(1);
            var watchdog = new EmbeddedDatabaseWatchdog(database, listener(died, restarted, new AtomicReference<>()),
                    Duration.ofMillis(100), Duration.ofMillis(500));
            watchdog.start();
            try {
                var port = database.port();
                var killed = database.postmasterPid();
                ProcessHandle.of(killed).orElseThrow().destroyForcibly();

                assertThat(died.await(10, TimeUnit.SECONDS)).as("the death is noticed").isTrue();
                assertThat(restarted.await(60, TimeUnit.SECONDS)).as("the server is back").isTrue();
                assertThat(database.port()).isEqualTo(port);
                assertThat(database.postmasterPid()).isNotEqualTo(killed);
                assertThat(notes(database)).containsExactly("committed");
                write(database, "after the restart");
                assertThat(show(database, "fsync")).isEqualTo("on");
            } finally {
                watchdog.stop();
            }
        }
    }

    @Test
    void watchdogGivesUpWhenTheServerCannotBeStartedAgain() throws Exception {
        try (var database = EmbeddedDatabase.start(dataDir, false)) {
            var gaveUp = new AtomicReference<Exception>();
            var done = new CountDownLatch(1);
            var watchdog = new EmbeddedDatabaseWatchdog(database, new EmbeddedDatabaseWatchdog.Listener() {
                @Override
                public void died(long pid) {
                }

                @Override
                public void restarted(Duration downtime, int attempts) {
                    done.countDown();
                }

                @Override
                public void gaveUp(Exception lastFailure, int attempts) {
                    gaveUp.set(lastFailure);
                    done.countDown();
                }
            }, Duration.ofMillis(100), Duration.ofMillis(100));
            // A setting PostgreSQL does not know: every start fails until someone repairs the file.
            var autoConf = database.directory().resolve("postgresql.auto.conf");
            var original = Files.readString(autoConf);
            Files.writeString(autoConf, original + "\nno_such_setting_at_all = 1\n");
            watchdog.start();
            try {
                ProcessHandle.of(database.postmasterPid()).orElseThrow().destroyForcibly();
                assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
                assertThat(gaveUp.get()).as("the watchdog gives up so a supervisor can restart").isNotNull();
            } finally {
                watchdog.stop();
                Files.writeString(autoConf, original);
            }
        }
    }

    private static EmbeddedDatabaseWatchdog.Listener listener(CountDownLatch died, CountDownLatch restarted,
                                                              AtomicReference<Exception> gaveUp) {
        return new EmbeddedDatabaseWatchdog.Listener() {
            @Override
            public void died(long pid) {
                died.countDown();
            }

            @Override
            public void restarted(Duration downtime, int attempts) {
                restarted.countDown();
            }

            @Override
            public void gaveUp(Exception lastFailure, int attempts) {
                gaveUp.set(lastFailure);
            }
        };
    }

    /** What PostgreSQL writes: pid, data directory, start time, port, socket directory, listen address, shared memory key. */
    private String staleLockFile(long pid) {
        return pid + "\n" + dataDir.resolve("postgres") + "\n1700000000\n5432\n.\n127.0.0.1\n  5432001         0\nready   \n";
    }

    private static void write(EmbeddedDatabase database, String note) throws SQLException {
        try (var connection = database.ownerDataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("create table if not exists recovery_probe (note text not null)");
            statement.execute("insert into recovery_probe values ('" + note + "')");
        }
    }

    private static List<String> notes(EmbeddedDatabase database) throws SQLException {
        var notes = new ArrayList<String>();
        try (var connection = database.ownerDataSource().getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select note from recovery_probe order by note")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }

    private static String show(EmbeddedDatabase database, String setting) throws SQLException {
        try (var connection = database.ownerDataSource().getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("show " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        var java = ProcessHandle.current().info().command().orElse("java");
        // Failsafe starts its JVM with a manifest-only jar; the real class path is in this property.
        var classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(List.of(java, "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static long awaitReady(Process child) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        var output = new StringBuilder();
        for (var line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("READY ")) {
                return Long.parseLong(line.split(" ")[1]);
            }
            output.append(line).append('\n');
        }
        throw new IllegalStateException("The child JVM ended without starting its database:\n" + output);
    }
}
