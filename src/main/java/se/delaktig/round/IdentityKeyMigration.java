package se.delaktig.round;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.delaktig.audit.AuditLog;
import se.delaktig.privacy.RoundKeys;

/**
 * Gives rounds created before there were two keys per round their IDENTITY key. Their key list,
 * booking places and notes on who knows a family were encrypted with the round's (text) key; on start
 * each such round gets an identity key and those ciphertexts are decrypted with the old key and
 * encrypted again with the new one, in one transaction per round, audited. A round that was already
 * closed gets no identity key: its key list is deleted instead, as closing does now.
 *
 * <p>Idempotent: a round that has its identity key is left alone, and the round's row is locked
 * while it is migrated, so two nodes starting at once migrate each round once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityKeyMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityKeyMigration.class);

    private final JdbcClient jdbc;
    private final RoundKeys keys;
    private final RoundService rounds;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    IdentityKeyMigration(JdbcClient jdbc, RoundKeys keys, RoundService rounds, AuditLog audit,
                         TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.rounds = rounds;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        migrateAll();
    }

    /** Migrates every round that still needs it; returns how many were migrated. */
    int migrateAll() {
        // The keys live in the key store, not in a table, so ask it round by round (cheap: a file's metadata
        // or a primary-key lookup). Rounds whose text was shredded have no text key and are skipped.
        var pending = jdbc.sql("select id from round order by id").query(Long.class).list().stream()
                .filter(id -> keys.hasKey(id, RoundKeys.Purpose.TEXT) && !keys.hasKey(id, RoundKeys.Purpose.IDENTITY))
                .toList();
        var migrated = 0;
        for (var roundId : pending) {
            if (Boolean.TRUE.equals(transactions.execute(status -> migrate(roundId)))) {
                migrated++;
            }
        }
        if (migrated > 0) {
            log.info("Gave {} round(s) created before identity keys their own identity key", migrated);
        }
        return migrated;
    }

    private boolean migrate(long roundId) {
        var unitId = jdbc.sql("select unit_id from round where id = ? for update").param(roundId).query(Long.class).single();
        if (keys.hasKey(roundId, RoundKeys.Purpose.IDENTITY)) {
            return false;
        }
        var closed = jdbc.sql("select count(*) from round_closure where round_id = ?").param(roundId)
                .query(Integer.class).single() > 0;
        if (closed) {
            var entries = rounds.destroyIdentities(roundId);
            if (entries > 0) {
                audit.record(TextRetention.ACTOR, "CLOSE", "round", roundId, unitId, AuditLog.Outcome.SUCCESS,
                        "closed before identity keys existed; key list deleted on upgrade: " + entries + " entries");
            }
            return entries > 0;
        }
        keys.createKey(roundId, RoundKeys.Purpose.IDENTITY);
        var entries = reencrypt("""
                select k.participant_id, k.ciphertext from key_list_entry k join participant p on p.id = k.participant_id
                where p.round_id = ?""", roundId, "update key_list_entry set ciphertext = ? where participant_id = ?",
                ParticipantService::keyContext);
        var places = reencrypt("""
                select b.participant_id, b.place from booking b join participant p on p.id = b.participant_id
                where p.round_id = ?""", roundId, "update booking set place = ? where participant_id = ?",
                Bookings::placeContext);
        var notes = 0;
        var known = jdbc.sql("""
                        select k.participant_id, k.staff_id, k.note from participant_known_by k
                        join participant p on p.id = k.participant_id where p.round_id = ? and k.note is not null""")
                .param(roundId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getBytes(3)}).list();
        for (var row : known) {
            long participantId = (Long) row[0];
            long staffId = (Long) row[1];
            var context = Conflicts.noteContext(participantId, staffId);
            var plain = keys.decrypt(roundId, (byte[]) row[2], context);
            jdbc.sql("update participant_known_by set note = ? where participant_id = ? and staff_id = ?")
                    .params(keys.encryptIdentity(roundId, plain, context), participantId, staffId).update();
            notes++;
        }
        audit.record(TextRetention.ACTOR, "MIGRATE_KEYS", "round", roundId, unitId, AuditLog.Outcome.SUCCESS,
                "identity key created; re-encrypted with it: " + entries + " key list entries, " + places
                        + " booking places, " + notes + " notes on who knows a family");
        return true;
    }

    private int reencrypt(String select, long roundId, String update, java.util.function.LongFunction<String> context) {
        var rows = jdbc.sql(select).param(roundId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).list();
        for (var row : rows) {
            long participantId = (Long) row[0];
            var where = context.apply(participantId);
            var plain = keys.decrypt(roundId, (byte[]) row[1], where);
            jdbc.sql(update).params(keys.encryptIdentity(roundId, plain, where), participantId).update();
        }
        return rows.size();
    }
}
