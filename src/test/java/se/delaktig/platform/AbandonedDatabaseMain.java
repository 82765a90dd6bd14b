package se.delaktig.platform;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseRecoveryIT}: starts the embedded database in the given
 * directory, writes one row, says where it runs and then waits to be killed with {@code kill -9},
 * leaving its PostgreSQL behind as an orphan, as a killed Delaktig does.
 */
public final class AbandonedDatabaseMain {

    private AbandonedDatabaseMain() {
    }

    public static void main(String[] args) throws Exception {
        var database = EmbeddedDatabase.start(Path.of(args[0]), false);
        try (var connection = database.ownerDataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("create table if not exists recovery_probe (note text not null)");
            statement.execute("insert into recovery_probe values ('" + args[1] + "')");
        }
        System.out.println("READY " + database.postmasterPid() + " " + database.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
