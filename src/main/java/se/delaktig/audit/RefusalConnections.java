package se.delaktig.audit;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A small connection pool of the audit log's own, for the few entries that cannot be written in the
 * transaction of the work they record: a refusal or failure, which must stay when that transaction rolls
 * back; everything recorded in work that is thrown away on purpose ({@code platform.DiscardedWork}); and
 * entries recorded inside a read-only transaction, which cannot write. Every other entry is written in the
 * caller's own transaction, on its own connection (see {@link AuditLog}).
 *
 * <p><b>Why this cannot deadlock.</b> A request thread that already holds a connection of the main pool
 * may wait here for one of these. That wait always ends, because a connection of this pool is only ever
 * held for one autocommitted {@code INSERT} into {@code audit_event}, and that insert
 * <ul>
 *   <li>never asks the main pool (or this one) for anything: it is a single statement on a connection that
 *       is already held;</li>
 *   <li>waits for no lock that anyone holds for long: since V280 its trigger takes no lock (the chain is
 *       sealed afterwards by {@code audit_seal}); the id comes from a sequence, which never blocks; the
 *       table lock it takes (ROW EXCLUSIVE) conflicts only with the SHARE and stronger locks that the
 *       application never takes on {@code audit_event} (only migrations, before the application serves);
 *       and the row it writes is new, so no row lock and no unique index can make it wait.</li>
 * </ul>
 * So every holder of one of these connections gives it back after one short statement, whatever the main
 * pool is doing, and no chain of waits can lead back to a request thread: there is no cycle. At worst a
 * burst of refusals waits its turn here, for milliseconds.
 *
 * <p>The pool copies the main pool's settings (URL, role, password, timeouts, driver properties), so it
 * works the same for the embedded database and an external server, connects as the same runtime role, and
 * fails as fast as the main pool when the database is away. It opens its first connection only when the
 * first such entry is written.
 */
@Component
class RefusalConnections implements DisposableBean {

    /** Enough for bursts of refusals and read-only reads; each connection is held for one insert. */
    static final int SIZE = 3;

    private final HikariDataSource pool;
    private final JdbcClient jdbc;

    RefusalConnections(DataSource main) {
        HikariDataSource mainPool;
        try {
            mainPool = main.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The audit log's own connections copy the settings of the main "
                    + "connection pool, which must be HikariCP", e);
        }
        pool = new HikariDataSource();
        mainPool.copyStateTo(pool);
        pool.setPoolName(mainPool.getPoolName() + "-audit");
        pool.setMaximumPoolSize(SIZE);
        pool.setMinimumIdle(1);
        pool.setAutoCommit(true);
        pool.setReadOnly(false);
        // The main pool's registries would get a second pool under the same names.
        pool.setMetricRegistry(null);
        pool.setHealthCheckRegistry(null);
        pool.setRegisterMbeans(false);
        jdbc = JdbcClient.create(pool);
    }

    /** A client on this pool: each statement is one connection, one autocommitted statement. */
    JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
