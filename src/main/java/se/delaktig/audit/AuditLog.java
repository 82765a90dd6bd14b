package se.delaktig.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.delaktig.platform.DiscardedWork;

/**
 * Writes and reads the audit log.
 *
 * <p>An entry is written in the transaction of the work it records, on that work's own connection: it is
 * kept exactly when the work is, and it asks the connection pool for nothing more. The insert takes no
 * lock (the hash chain is sealed after commit, see {@link AuditChain}), so an audited transaction waits
 * for no other one. Without a transaction the entry is written on its own, at once.
 *
 * <p>Three kinds of entries must not share the caller's fate, and go through {@link RefusalConnections}
 * instead, committed at once: a refusal or failure ({@link Outcome#DENIED}, {@link Outcome#FAILURE}),
 * which is recorded just before the work is rolled back; everything recorded in work that is thrown away on
 * purpose ({@link DiscardedWork}), which must leave its entries, as every read must; and entries recorded in
 * a read-only transaction, which cannot write. That pool is the audit log's own and its connections are
 * held for one lock-free insert each, so waiting for one can never close a circle of waits (the reasoning
 * is in its Javadoc).
 */
@Service
public class AuditLog {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    static final String DISCARDED_DETAIL = "discarded: the input held an identity number";

    private static final String INSERT = """
            insert into audit_event (actor, action, record_type, record_id, unit_id, outcome, detail)
            values (:actor, :action, :recordType, :recordId, :unitId, :outcome, :detail)
            """;

    private final JdbcClient jdbc;
    private final RefusalConnections separate;

    AuditLog(JdbcClient jdbc, RefusalConnections separate) {
        this.jdbc = jdbc;
        this.separate = separate;
    }

    public enum Outcome { SUCCESS, DENIED, FAILURE }

    public record Entry(long id, Instant occurredAt, String actor, String action, String recordType,
                        String recordId, Long unitId, String outcome, String detail) {
    }

    public record Filter(String actor, String recordType, String recordId, LocalDate from, LocalDate to) {
    }

    /**
     * Which entries a reader may see: everything (administrators), or entries of the given units plus
     * entries by or about the reader themselves (process leads).
     */
    public record Scope(boolean everything, String reader, Set<Long> unitIds) {
        public static Scope all() {
            return new Scope(true, null, Set.of());
        }

        public static Scope restricted(String reader, Set<Long> unitIds) {
            return new Scope(false, reader, Set.copyOf(unitIds));
        }
    }

    /**
     * Tells the review page whose entries the signed-in person may read. Implemented by the module
     * that knows who is signed in and what they lead, so that the audit module depends on nobody.
     */
    public interface Readers {
        Scope currentScope();
    }

    /** Records an action by the currently authenticated person. */
    public void record(String action, String recordType, Object recordId, Long unitId, Outcome outcome) {
        record(currentActor(), action, recordType, recordId, unitId, outcome, null);
    }

    public void success(String action, String recordType, Object recordId, Long unitId) {
        record(action, recordType, recordId, unitId, Outcome.SUCCESS);
    }

    public void record(String actor, String action, String recordType, Object recordId, Long unitId,
                       Outcome outcome, String detail) {
        // Work that is rolled back (its input held an identity number) still leaves its entry, as every
        // read must, but the entry says that nothing of it was kept.
        var discarded = DiscardedWork.inProgress();
        var note = !discarded ? detail : detail == null ? DISCARDED_DETAIL : detail + " (" + DISCARDED_DETAIL + ")";
        var writer = outlivesCaller(outcome, discarded) ? separate.jdbc() : jdbc;
        writer.sql(INSERT)
                .param("actor", actor == null ? "anonym" : actor)
                .param("action", action)
                .param("recordType", recordType)
                .param("recordId", recordId == null ? null : recordId.toString())
                .param("unitId", unitId)
                .param("outcome", outcome.name())
                .param("detail", note)
                .update();
    }

    /** Whether the entry must be written apart from the caller's transaction (see the class comment). */
    private static boolean outlivesCaller(Outcome outcome, boolean discarded) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        return outcome != Outcome.SUCCESS || discarded || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    public List<Entry> find(Filter filter, int limit) {
        return find(filter, Scope.all(), limit);
    }

    /** Entries matching the filter that the scope allows, newest first. */
    public List<Entry> find(Filter filter, Scope scope, int limit) {
        var sql = new StringBuilder("select * from audit_event where true");
        var params = new ArrayList<Object>();
        if (!scope.everything()) {
            sql.append(" and (actor = ? or (record_type = 'staff' and record_id = ?)");
            params.add(scope.reader());
            params.add(scope.reader());
            for (var unitId : scope.unitIds()) {
                sql.append(" or unit_id = ?");
                params.add(unitId);
            }
            sql.append(")");
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            sql.append(" and actor = ?");
            params.add(filter.actor().trim());
        }
        if (filter.recordType() != null && !filter.recordType().isBlank()) {
            sql.append(" and record_type = ?");
            params.add(filter.recordType().trim());
        }
        if (filter.recordId() != null && !filter.recordId().isBlank()) {
            sql.append(" and record_id = ?");
            params.add(filter.recordId().trim());
        }
        if (filter.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(java.sql.Timestamp.from(filter.from().atStartOfDay(ZONE).toInstant()));
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(java.sql.Timestamp.from(filter.to().plusDays(1).atStartOfDay(ZONE).toInstant()));
        }
        sql.append(" order by id desc limit ").append(Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("record_type"),
                        rs.getString("record_id"), (Long) rs.getObject("unit_id"), rs.getString("outcome"),
                        rs.getString("detail")))
                .list();
    }

    public List<String> recordTypes() {
        return jdbc.sql("select distinct record_type from audit_event where record_type is not null order by 1")
                .query(String.class).list();
    }

    private static String currentActor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
