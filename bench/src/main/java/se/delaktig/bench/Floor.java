package se.delaktig.bench;

import java.sql.DriverManager;
import java.util.Properties;

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
        var payload = new byte[700];
        new java.util.Random(1).nextBytes(payload);
        return FloorThreads.run(url, credentials, threads, perThread, warmupMillis, maxMillis, pauseMillis, (c, row) -> {
            c.setAutoCommit(true);
            var update = c.prepareStatement("""
                    update bench_floor set notes = ?, child_words = ?, duration_minutes = 45,
                    version = version + 1, updated_at = now() where id = ?""");
            return () -> {
                update.setBytes(1, payload);
                update.setBytes(2, payload);
                update.setInt(3, row);
                update.executeUpdate();
            };
        });
    }
}
