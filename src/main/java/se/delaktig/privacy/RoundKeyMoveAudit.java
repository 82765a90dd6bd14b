package se.delaktig.privacy;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.delaktig.audit.AuditLog;

/**
 * Writes to the audit log which keys {@link RoundKeyTableMigration} moved out of PostgreSQL. The
 * migration runs before the application (and its audit log) is up, so it leaves notes in
 * {@code round_key_moved}; this runner turns each into an audit entry and deletes it, row by row
 * under a lock, so two nodes starting at once audit each move once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RoundKeyMoveAudit implements ApplicationRunner {

    static final String ACTOR = "system";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    RoundKeyMoveAudit(JdbcClient jdbc, AuditLog audit, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            var moved = jdbc.sql("delete from round_key_moved returning round_id, purpose, moved_at")
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()}).list();
            for (var row : moved) {
                audit.record(ACTOR, "MOVE_KEY", "round", row[0], null, AuditLog.Outcome.SUCCESS,
                        "the " + row[1] + " key moved from the table round_key into the key store at " + row[2]);
            }
        });
    }
}
