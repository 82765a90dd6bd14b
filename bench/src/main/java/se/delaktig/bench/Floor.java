package se.delaktig.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The floor: the same number of threads doing single-row updates straight over JDBC on the same
 * PostgreSQL server, each thread its own row of {@code bench_floor} (about the width of an interview
 * row with its encrypted notes), one commit per update, with the server's own durability settings.
 */
final class Floor {

    private final String url;
    private final Properties credentials = new Properties();

    Floor(int port, String ownerPassword) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/delaktig";
        credentials.setProperty("user", "delaktig_owner");
        credentials.setProperty("password", ownerPassword);
    }

    /** Runs {@code threads} writers until each has done {@code perThread} updates or the time is up. */
    Stats run(int threads, int perThread, long warmupMillis, long maxMillis, long pauseMillis) throws Exception {
        try (var connection = DriverManager.getConnection(url, credentials); var statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists bench_floor (id int primary key, version int not null, notes bytea,
                    child_words bytea, duration_minutes int, updated_at timestamptz not null default now())""");
            statement.execute("insert into bench_floor (id, version) select g, 0 from generate_series(0, " + (threads - 1)
                    + ") g on conflict (id) do nothing");
        }
        var stats = new Stats();
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        var payload = new byte[700];
        new java.util.Random(1).nextBytes(payload);
        for (int t = 0; t < threads; t++) {
            var row = t;
            var worker = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, credentials)) {
                    c.setAutoCommit(true);
                    ready.countDown();
                    go.await();
                    if (pauseMillis > 0) {
                        Thread.sleep(new java.util.Random(row).nextLong(pauseMillis));
                    }
                    var warmupEnd = System.nanoTime() + warmupMillis * 1_000_000;
                    var end = warmupEnd + maxMillis * 1_000_000;
                    var done = 0;
                    try (var update = c.prepareStatement("""
                            update bench_floor set notes = ?, child_words = ?, duration_minutes = 45,
                            version = version + 1, updated_at = now() where id = ?""")) {
                        while (System.nanoTime() < end && done < perThread) {
                            update.setBytes(1, payload);
                            update.setBytes(2, payload);
                            update.setInt(3, row);
                            var start = System.nanoTime();
                            try {
                                update.executeUpdate();
                                if (start >= warmupEnd) {
                                    stats.add(System.nanoTime() - start);
                                    done++;
                                }
                            } catch (SQLException e) {
                                stats.error(e.getSQLState());
                            }
                            if (pauseMillis > 0) {
                                Thread.sleep(pauseMillis);
                            }
                        }
                    }
                } catch (SQLException e) {
                    stats.error("connect " + e.getSQLState());
                    ready.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "floor-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        for (var worker : workers) {
            worker.join();
        }
        return stats;
    }
}
