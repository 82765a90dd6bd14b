package se.delaktig.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;

/**
 * An installation from before the key store: its keys sit in the table {@code round_key}. Flyway V221
 * moves them into the key store and drops the table, and the next start audits each move. The old
 * table is played by a temporary table of the same name (PostgreSQL looks in {@code pg_temp} first),
 * since the real one was dropped when this test database was migrated.
 */
@IntegrationTest
class RoundKeyTableMigrationIT {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired MasterKey masterKey;
    @Autowired RoundKeys keys;
    @Autowired RoundKeyTableMigration migration;
    @Autowired RoundKeyMoveAudit moveAudit;

    @Test
    void keysKeptInPostgresMoveIntoTheKeyStoreOnceAndTheTableIsDropped() throws Exception {
        var round = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
        var keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        var wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey.aead(),
                RoundKeys.associated(round, RoundKeys.Purpose.TEXT));
        var words = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class)
                .encrypt("Det var skönt att få prata.".getBytes(StandardCharsets.UTF_8), "answer:7:8:words".getBytes(StandardCharsets.UTF_8));
        assertThat(jdbc.sql("select to_regclass('public.round_key') is null").query(Boolean.class).single())
                .as("the live table is gone after V221").isTrue();

        // Twice: a migration that failed half-way runs again, and a key already in the store stays as it is.
        for (var run = 0; run < 2; run++) {
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (var statement = connection.createStatement()) {
                    statement.execute("create temp table round_key (round_id bigint, purpose text, wrapped_keyset bytea)");
                }
                try (var insert = connection.prepareStatement("insert into round_key values (?, 'TEXT', ?)")) {
                    insert.setLong(1, round);
                    insert.setBytes(2, wrapped);
                    insert.executeUpdate();
                }
                migration.migrate(context(connection));
                try (var statement = connection.createStatement();
                     var result = statement.executeQuery("select to_regclass('round_key') is null")) {
                    result.next();
                    assertThat(result.getBoolean(1)).as("round_key dropped by the migration").isTrue();
                }
                connection.commit();
            }
            assertThat(keys.decrypt(round, words, "answer:7:8:words")).isEqualTo("Det var skönt att få prata.");
        }

        moveAudit.run(null);
        moveAudit.run(null);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'MOVE_KEY' and record_id = ? and actor = 'system'")
                .param(Long.toString(round)).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from round_key_moved").query(Integer.class).single()).isZero();
        keys.destroyKey(round);
    }

    private static Context context(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
