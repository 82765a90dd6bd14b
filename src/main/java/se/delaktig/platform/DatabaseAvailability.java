package se.delaktig.platform;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether PostgreSQL is known to be away. Set by the embedded database's watchdog the moment the
 * server dies, and by any request that failed to reach the database; while it is set, requests are
 * answered with 503 at once instead of waiting for a connection. A probe connects every second (past
 * the pool) and clears it as soon as the database answers again, so the application recovers by
 * itself, embedded or external.
 */
public final class DatabaseAvailability implements AutoCloseable {

    /** Since when, and why, the database is away. */
    public record Outage(Instant since, String reason) {
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final ScheduledExecutorService probe;
    private volatile Outage outage;
    private volatile boolean held;

    DatabaseAvailability(DataSource dataSource) {
        this.dataSource = dataSource;
        this.probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "database-probe");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(this::probeWhileAway, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public boolean available() {
        return outage == null;
    }

    public Outage outage() {
        return outage;
    }

    /** The database is away: from now on requests are turned away until the probe reaches it. */
    public synchronized void markAway(String reason) {
        if (outage == null) {
            outage = new Outage(Instant.now(), reason);
            log.error("The database is unavailable ({}). Requests are answered with 503 until it answers again.", reason);
        }
    }

    /**
     * Looks at a failure from the data layer: if it says that the database cannot be reached (as opposed
     * to a busy pool or a bad statement), the database is marked away. Returns whether it did.
     */
    public boolean notice(Throwable failure) {
        var cause = connectionFailure(failure);
        if (cause == null) {
            return false;
        }
        markAway(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        return true;
    }

    /** Checks now (rather than at the next tick) whether the database answers again. */
    public void probeNow() {
        probe.execute(this::probeWhileAway);
    }

    /**
     * Holds a marked outage even though the database answers (tests of the 503 answers, which cannot
     * otherwise keep a real outage steady); {@code false} lets the probe clear it again.
     */
    void holdOutage(boolean hold) {
        this.held = hold;
        if (!hold) {
            probeNow();
        }
    }

    private void probeWhileAway() {
        var current = outage;
        if (current == null || held) {
            return;
        }
        try (var connection = probeConnection()) {
            if (connection.isValid(2)) {
                clear(current);
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("The database is still unavailable: {}", e.getMessage());
        }
    }

    /**
     * A connection of its own, past the pool: asking the pool would keep its connection adder retrying
     * with a backoff of up to 5 s while the database is away, and delay the first request after it.
     */
    private Connection probeConnection() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            var properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private synchronized void clear(Outage current) {
        if (outage == current) {
            outage = null;
            log.warn("The database answers again after {} ms; requests are served as usual.",
                    Duration.between(current.since(), Instant.now()).toMillis());
        }
    }

    /**
     * The cause that shows the database cannot be reached: a connection-class SQL state (08…), a server
     * shutting down or starting up (57P01–57P03), or a refused connection. A pool that is merely busy
     * has no such cause.
     */
    static Throwable connectionFailure(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                var state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return cause;
                }
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return cause;
            }
            if (evictedByThePool(cause)) {
                return cause;
            }
            // A rollback on a connection the dead server left behind fails too ("Connection is closed"), and
            // Spring then keeps the failure that tells why only as the "application exception".
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure) {
                var original = connectionFailure(rollback.getApplicationException());
                if (original != null) {
                    return original;
                }
            }
        }
        return null;
    }

    /**
     * The pool closes a connection under its user once the server broke it; using it after that fails
     * with a bare "Connection is closed", without a SQL state. A commit that failed on the dying server
     * and the rollback after it leave only this behind (Spring keeps the rollback's failure).
     */
    private static boolean evictedByThePool(Throwable cause) {
        if (!(cause instanceof SQLException sql) || sql.getSQLState() != null || !"Connection is closed".equals(sql.getMessage())) {
            return false;
        }
        var trace = sql.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("com.zaxxer.hikari.");
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
