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
 * Seals and checks the audit log's hash chain. A row is written unsealed, in the transaction of the work it
 * records, and takes no lock (see {@link AuditLog}); the database's {@code audit_seal} (migration V280)
 * then gives each committed row its place in the chain ({@code chain_seq}), the hash of the row before it
 * and its own hash over that, its place and its content. {@link AuditSealer} does so about once a second,
 * and every check seals first.
 *
 * <p>The check recomputes every link in Java, independently of the database's functions, in chain order,
 * in batches, and reports the first link that does not hold: a row changed after it was sealed, a sealed
 * row removed or slipped in, or the newest sealed rows removed. Rows sealed before V280 keep the hashes
 * V230 gave them (whose form has no place), up to the head's {@code legacy_seq}.
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

    /**
     * The outcome: intact (firstBreak null) or not, with how many sealed rows were checked, how many
     * committed rows were waiting to be sealed when the check ended (committed after it sealed; the next
     * seal takes them) and how long it took. Rows of transactions still open are seen by nobody until
     * they commit, and are sealed after that.
     */
    public record Verification(boolean intact, long rowsChecked, Break firstBreak, Duration took, long unsealed) {
    }

    private record Head(long lastSeq, long legacySeq, long lastId, byte[] lastHash) {
    }

    private record Row(long chainSeq, long id, Instant occurredAt, long occurredMicros, String actor, String action,
                       String recordType, String recordId, Long unitId, String outcome, String detail, byte[] prevHash,
                       byte[] hash) {
    }

    /** Rows one call of {@code audit_seal} chains at most; it is called again while it fills them all. */
    static final int SEAL_BATCH = 10_000;

    private final JdbcClient jdbc;

    AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Seals every committed row that is still unsealed; returns how many. Each call of the database function
     * is its own short statement: when no transaction is active each one commits at once, so the head's lock
     * is held only while it runs.
     */
    public long seal() {
        long total = 0;
        while (true) {
            var sealed = jdbc.sql("select audit_seal(?)").param(SEAL_BATCH).query(Integer.class).single();
            total += sealed;
            if (sealed < SEAL_BATCH) {
                return total;
            }
        }
    }

    public Verification verify() {
        var started = System.nanoTime();
        seal();
        // The head first: rows sealed while we walk come after it and are left for the next check.
        var head = jdbc.sql("select last_seq, legacy_seq, last_id, last_hash from audit_chain_head")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getLong("legacy_seq"), rs.getLong("last_id"),
                        rs.getBytes("last_hash")))
                .single();
        var previous = GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            var rows = batch(after, head.lastSeq());
            for (var row : rows) {
                checked++;
                var problem = check(row, previous, row.chainSeq() <= head.legacySeq());
                if (problem != null) {
                    return broken(checked, new Break(row.id(), row.occurredAt(), problem), started);
                }
                previous = row.hash();
                after = row.chainSeq();
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        if (!Arrays.equals(previous, head.lastHash())) {
            return broken(checked, new Break(head.lastId(), null, Problem.NEWEST_REMOVED), started);
        }
        // A row with a place beyond the newest link (read in the same statement, so a seal meanwhile does
        // not count), or with a hash but no place, was slipped in: sealing never writes either.
        var forged = jdbc.sql("""
                        select id, occurred_at from audit_event
                        where (chain_seq is null and (prev_hash is not null or hash is not null))
                           or chain_seq > (select last_seq from audit_chain_head)
                        order by id limit 1""")
                .query((rs, n) -> new Break(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), Problem.LINK_BROKEN))
                .optional();
        if (forged.isPresent()) {
            return broken(checked, forged.get(), started);
        }
        return new Verification(true, checked, null, since(started), unsealed());
    }

    /** Committed rows not yet sealed. */
    public long unsealed() {
        return jdbc.sql("select count(*) from audit_event where chain_seq is null").query(Long.class).single();
    }

    private Verification broken(long checked, Break firstBreak, long started) {
        return new Verification(false, checked, firstBreak, since(started), unsealed());
    }

    private static Problem check(Row row, byte[] previous, boolean legacy) {
        if (row.hash() == null || row.prevHash() == null) {
            return Problem.HASH_MISSING;
        }
        if (!Arrays.equals(row.prevHash(), previous)) {
            return Problem.LINK_BROKEN;
        }
        if (!Arrays.equals(row.hash(), link(row, legacy))) {
            return Problem.CONTENT_CHANGED;
        }
        return null;
    }

    /**
     * The same canonical form as the database's: each field length-prefixed, 'N' for null; the row's place
     * first (audit_event_sealed_link), except for rows V230 chained (audit_event_link).
     */
    static byte[] link(Row row, boolean legacy) {
        var canonical = new StringBuilder(256);
        if (!legacy) {
            var place = Long.toString(row.chainSeq());
            canonical.append('S').append(place.length()).append(':').append(place);
        }
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
                        select chain_seq, id, occurred_at, (extract(epoch from occurred_at) * 1000000)::bigint as occurred_micros,
                               actor, action, record_type, record_id, unit_id, outcome, detail, prev_hash, hash
                        from audit_event where chain_seq > ? and chain_seq <= ? order by chain_seq limit ?
                        """)
                .params(after, upTo, BATCH)
                .query((rs, n) -> new Row(rs.getLong("chain_seq"), rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getLong("occurred_micros"), rs.getString("actor"), rs.getString("action"),
                        rs.getString("record_type"), rs.getString("record_id"), (Long) rs.getObject("unit_id"),
                        rs.getString("outcome"), rs.getString("detail"), rs.getBytes("prev_hash"), rs.getBytes("hash")))
                .list();
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
