package se.delaktig.privacy;

import java.security.GeneralSecurityException;
import java.util.ArrayList;

import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway V221: moves every round key that an older version kept in the table {@code round_key} into
 * the configured {@link RoundKeyStore}, then drops the table, so that no wrapped key stays in
 * PostgreSQL's live tables. (What older WAL segments and backups still hold is the operator's to
 * expire; see docs/privacy.md.) A Java migration, because the keys must be moved before the table is
 * dropped, in the same step. Each moved key is noted in {@code round_key_moved};
 * {@link RoundKeyMoveAudit} writes those notes to the audit log once the application has started.
 *
 * <p>Idempotent: a key the store already has is left as it is, so a migration that failed half-way
 * can simply run again.
 */
@Component
class RoundKeyTableMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(RoundKeyTableMigration.class);

    private final RoundKeyStore store;
    private final MasterKey masterKey;

    RoundKeyTableMigration(RoundKeyStore store, MasterKey masterKey) {
        this.store = store;
        this.masterKey = masterKey;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("221");
    }

    @Override
    public String getDescription() {
        return "move round keys out of postgres";
    }

    @Override
    public Integer getChecksum() {
        return 221;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        record Row(long roundId, RoundKeys.Purpose purpose, byte[] wrapped) {
        }
        var rows = new ArrayList<Row>();
        try (var statement = connection.createStatement();
             var result = statement.executeQuery("select round_id, purpose, wrapped_keyset from round_key order by round_id, purpose")) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), RoundKeys.Purpose.valueOf(result.getString(2)), result.getBytes(3)));
            }
        }
        for (var row : rows) {
            try {
                var keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(row.wrapped(), masterKey.aead(),
                        RoundKeys.associated(row.roundId(), row.purpose()));
                store.create(row.roundId(), row.purpose(), keyset);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The " + row.purpose() + " key of round " + row.roundId()
                        + " cannot be unwrapped: is DELAKTIG_MASTER_KEY the key this database was created with?", e);
            }
            try (var note = connection.prepareStatement(
                    "insert into round_key_moved (round_id, purpose) values (?, ?) on conflict do nothing")) {
                note.setLong(1, row.roundId());
                note.setString(2, row.purpose().name());
                note.executeUpdate();
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("drop table round_key");
        }
        if (!rows.isEmpty()) {
            log.info("Moved {} round key(s) from the table round_key into the key store and dropped the table", rows.size());
        }
    }
}
