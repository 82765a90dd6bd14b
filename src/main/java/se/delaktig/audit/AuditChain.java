package se.delaktig.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Checks the audit log's hash chain. Every row holds the hash of the row before it and its own hash over
 * that and its content (computed by the database when the row is written, see migration V230). This class
 * recomputes every link in Java, independently of the database's functions, oldest row first, in batches,
 * and reports the first link that does not hold: a row changed after it was written, a row removed or
 * slipped in, or the newest rows removed.
 */
@Service
public class AuditChain {

    static final int BATCH = 5_000;
    private static final byte[] GENESIS = new byte[32];

    public enum Problem {
        /** The row's content no longer matches its hash: it was changed after it was written. */
        CONTENT_CHANGED,
        /** The row does not follow the row before it: a row in between was removed or slipped in, or the one before was changed. */
        LINK_BROKEN,
        /** The row has no hash: it was written with the chain switched off. */
        HASH_MISSING,
        /** The chain ends before its recorded newest link: the newest rows were removed. */
        NEWEST_REMOVED
    }

    /** Where the chain breaks first; {@code occurredAt} is null when the row itself is gone. */
    public record Break(long id, Instant occurredAt, Problem problem) {
    }

    /** The outcome: intact (firstBreak null) or not, with how many rows were checked and how long it took. */
    public record Verification(boolean intact, long rowsChecked, Break firstBreak, Duration took) {
    }

    private record Head(Long lastId, byte[] lastHash) {
    }

    private record Row(long id, Instant occurredAt, long occurredMicros, String actor, String action, String recordType,
                       String recordId, Long unitId, String outcome, String detail, byte[] prevHash, byte[] hash) {
    }

    private final JdbcClient jdbc;

    AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Verification verify() {
        var started = System.nanoTime();
        // The head first: rows appended while we walk come after it and are left for the next check.
        var head = jdbc.sql("select last_id, last_hash from audit_chain_head")
                .query((rs, n) -> new Head((Long) rs.getObject("last_id"), rs.getBytes("last_hash"))).single();
        var upTo = head.lastId() == null ? 0L : head.lastId();
        var previous = GENESIS;
        long checked = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            var rows = batch(after, upTo);
            for (var row : rows) {
                checked++;
                var problem = check(row, previous);
                if (problem != null) {
                    return new Verification(false, checked, new Break(row.id(), row.occurredAt(), problem), since(started));
                }
                previous = row.hash();
                after = row.id();
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        if (!Arrays.equals(previous, head.lastHash())) {
            return new Verification(false, checked, new Break(upTo, null, Problem.NEWEST_REMOVED), since(started));
        }
        return new Verification(true, checked, null, since(started));
    }

    private static Problem check(Row row, byte[] previous) {
        if (row.hash() == null || row.prevHash() == null) {
            return Problem.HASH_MISSING;
        }
        if (!Arrays.equals(row.prevHash(), previous)) {
            return Problem.LINK_BROKEN;
        }
        if (!Arrays.equals(row.hash(), link(row))) {
            return Problem.CONTENT_CHANGED;
        }
        return null;
    }

    /** The same canonical form as the database's audit_event_link: each field length-prefixed, 'N' for null. */
    static byte[] link(Row row) {
        var canonical = new StringBuilder(256);
        for (var field : Arrays.asList(Long.toString(row.id()), Long.toString(row.occurredMicros()), row.actor(),
                row.action(), row.recordType(), row.recordId(), row.unitId() == null ? null : row.unitId().toString(),
                row.outcome(), row.detail())) {
            if (field == null) {
                canonical.append('N');
            } else {
                canonical.append('S').append(field.codePointCount(0, field.length())).append(':').append(field);
            }
        }
        try {
            var sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(row.prevHash());
            return sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private List<Row> batch(long after, long upTo) {
        return jdbc.sql("""
                        select id, occurred_at, (extract(epoch from occurred_at) * 1000000)::bigint as occurred_micros,
                               actor, action, record_type, record_id, unit_id, outcome, detail, prev_hash, hash
                        from audit_event where id > ? and id <= ? order by id limit ?
                        """)
                .params(after, upTo, BATCH)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getLong("occurred_micros"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("record_type"), rs.getString("record_id"), (Long) rs.getObject("unit_id"),
                        rs.getString("outcome"), rs.getString("detail"), rs.getBytes("prev_hash"), rs.getBytes("hash")))
                .list();
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
