package se.delaktig.attack;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.audit.AuditChain;
import se.delaktig.audit.AuditLog;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Attacks on the audit log from inside the database. Connects with plain JDBC exactly as the application
 * does (same URL, role and password as its connection pool), then as a superuser, which no database
 * permission can stop: what a superuser changes must at least be found by the chain check.
 */
@IntegrationTest
class AuditLogTamperAttackIT {

    /** PostgreSQL's "insufficient_privilege". */
    private static final String NOT_PERMITTED = "42501";

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseMode mode;

    @Autowired
    DelaktigProperties properties;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void theApplicationsOwnRoleCanNeitherAlterNorSwitchOffNorRewriteTheLog() throws Exception {
        var tag = UUID.randomUUID().toString();
        audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        var id = idOf(tag);
        var attacks = List.of(
                "alter table audit_event add column forged text",
                "alter table audit_event disable trigger audit_event_no_update_or_delete",
                "alter table audit_event disable trigger all",
                "drop trigger audit_event_chain on audit_event",
                "create or replace function audit_event_chain() returns trigger language plpgsql as $$ begin return new; end $$",
                "update audit_event set detail = 'forged' where id = " + id,
                "delete from audit_event where id = " + id,
                "truncate audit_event",
                "set session_replication_role = replica",
                "update audit_chain_head set last_hash = sha256('forged')",
                "update audit_chain_head set last_seq = 0",
                "update audit_event set chain_seq = null, prev_hash = null, hash = null where id = " + id,
                "alter table audit_event owner to current_user");

        try (var runtime = runtime(); var statement = runtime.createStatement()) {
            assertThat(runtime.getMetaData().getUserName()).as("the attack runs as the application's role")
                    .isEqualTo(((HikariDataSource) dataSource).getUsername());
            for (var attack : attacks) {
                assertThatThrownBy(() -> statement.execute(attack)).as(attack)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).as(attack + ": " + e.getMessage()).isEqualTo(NOT_PERMITTED));
            }
        }
        assertThat(jdbc.sql("select count(*) from audit_event where record_id = ? and detail is null").param(tag)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRowWrittenWithAForgedIdTimePlaceAndHashIsChainedAnyway() throws Exception {
        var tag = UUID.randomUUID().toString();
        chain.seal();
        var sealedRow = jdbc.sql("select id, chain_seq, hash from audit_event where chain_seq is not null order by chain_seq desc limit 1")
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getLong("chain_seq"), rs.getBytes("hash")}).single();
        try (var runtime = runtime(); var statement = runtime.prepareStatement("""
                insert into audit_event (id, occurred_at, actor, action, record_type, record_id, outcome, chain_seq, prev_hash, hash)
                values (1, timestamptz '2001-01-01 00:00:00+00', 'someone', 'READ', 'interview', ?, 'SUCCESS',
                        ?, sha256('forged'), sha256('forged'))
                """)) {
            statement.setString(1, tag);
            statement.setLong(2, (long) sealedRow[1]);
            statement.executeUpdate();
        }

        var row = jdbc.sql("select id, occurred_at, chain_seq, hash from audit_event where record_id = ?").param(tag)
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("chain_seq"), rs.getBytes("hash")}).single();
        assertThat((long) row[0]).as("the database gives the id").isNotEqualTo(1L);
        assertThat(Duration.between((Instant) row[1], Instant.now()).abs()).as("no back-dating").isLessThan(Duration.ofMinutes(5));
        assertThat(row[2]).as("no place in the chain until it is sealed").isNull();
        assertThat(row[3]).as("the forged hash is thrown away").isNull();

        var verification = chain.verify();
        assertThat(verification.intact()).isTrue();
        var sealed = jdbc.sql("select chain_seq, hash from audit_event where record_id = ?").param(tag)
                .query((rs, n) -> new Object[] {rs.getLong("chain_seq"), rs.getBytes("hash")}).single();
        assertThat((long) sealed[0]).as("sealed after the rows before it").isGreaterThan((long) sealedRow[1]);
        assertThat(jdbc.sql("select hash from audit_event where id = ?").param((long) sealedRow[0]).query(byte[].class).single())
                .as("the row whose place was claimed keeps its hash").isEqualTo((byte[]) sealedRow[2]);
    }

    @Test
    void theApplicationsOwnRoleMaySealButNotRewriteASealedRowThroughIt() throws Exception {
        var tag = UUID.randomUUID().toString();
        audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        chain.seal();
        var before = jdbc.sql("select chain_seq, prev_hash, hash from audit_event where record_id = ?").param(tag)
                .query((rs, n) -> rs.getLong(1) + ":" + HexFormat.of().formatHex(rs.getBytes(2)) + ":" + HexFormat.of().formatHex(rs.getBytes(3))).single();

        try (var runtime = runtime(); var statement = runtime.createStatement()) {
            // Sealing is all it may do, and only rows that have no place yet.
            statement.execute("select audit_seal(100)");
            for (var bad : List.of("select audit_seal(0)", "select audit_seal(-1)", "select audit_seal(null)")) {
                assertThatThrownBy(() -> statement.execute(bad)).as(bad).isInstanceOf(SQLException.class);
            }
            // Even rights that reach the table's owner (the superuser, with the triggers on) cannot re-seal a
            // sealed row or seal one with a hash of its own choosing.
        }
        try (var superuser = superuser(); var statement = superuser.createStatement()) {
            var id = idOf(tag);
            for (var attack : List.of(
                    "update audit_event set hash = sha256('forged') where id = " + id,
                    "update audit_event set chain_seq = null, prev_hash = null, hash = null where id = " + id,
                    "update audit_event set detail = 'forged', hash = audit_event_sealed_link(prev_hash, audit_event) where id = " + id)) {
                assertThatThrownBy(() -> statement.execute(attack)).as(attack)
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
            statement.execute("insert into audit_event (actor, action, record_type, record_id, outcome) values ('someone', 'READ', 'interview', '"
                    + tag + "-unsealed', 'SUCCESS')");
            var unsealed = idOf(tag + "-unsealed");
            assertThatThrownBy(() -> statement.execute("update audit_event set chain_seq = 999999999, prev_hash = sha256('x'), hash = sha256('y') where id = " + unsealed))
                    .as("sealing with a made-up hash").isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        var after = jdbc.sql("select chain_seq, prev_hash, hash from audit_event where record_id = ?").param(tag)
                .query((rs, n) -> rs.getLong(1) + ":" + HexFormat.of().formatHex(rs.getBytes(2)) + ":" + HexFormat.of().formatHex(rs.getBytes(3))).single();
        assertThat(after).isEqualTo(before);
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void theNewestRowsRemovedByTheSuperuserAreFound() throws Exception {
        var tag = UUID.randomUUID().toString();
        audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        assertThat(chain.verify().intact()).isTrue();
        var newest = jdbc.sql("select id from audit_event where chain_seq = (select max(chain_seq) from audit_event)")
                .query(Long.class).single();

        try (var superuser = superuser(); var statement = superuser.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("create temporary table removed as select * from audit_event where id = " + newest);
            statement.execute("delete from audit_event where id = " + newest);
            try {
                var broken = chain.verify().firstBreak();
                assertThat(broken).isNotNull();
                // The newest link is gone; a row sealed meanwhile would instead no longer follow the row before it.
                assertThat(broken.problem()).isIn(AuditChain.Problem.NEWEST_REMOVED, AuditChain.Problem.LINK_BROKEN);
            } finally {
                statement.execute("insert into audit_event select * from removed");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aRowChangedByTheSuperuserIsTheFirstBrokenLink() throws Exception {
        var tag = UUID.randomUUID().toString();
        audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        audit.record("someone", "READ", "interview", tag + "-after", null, AuditLog.Outcome.SUCCESS, null);
        var id = idOf(tag);
        assertThat(chain.verify().intact()).as("intact before the attack").isTrue();

        try (var superuser = superuser(); var statement = superuser.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("update audit_event set actor = 'nobody' where id = " + id);
            try {
                var admin = user("adm-" + tag.substring(0, 8)).roles("STAFF", "ADMIN");
                mvc.perform(get("/api/v1/audit/chain").with(admin))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.intact").value(false))
                        .andExpect(jsonPath("$.firstBreak.id").value(id))
                        .andExpect(jsonPath("$.firstBreak.problem").value("CONTENT_CHANGED"));
                var page = mvc.perform(get("/audit/chain").param("check", "1").with(admin))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
                assertThat(page).contains("Den första länken som inte håller är rad " + id)
                        .contains("Radens innehåll har ändrats efter att den skrevs.");
            } finally {
                statement.execute("update audit_event set actor = 'someone' where id = " + id);
            }
        }
        assertThat(chain.verify().intact()).as("intact again once the row is restored").isTrue();
    }

    @Test
    void aRowRemovedByTheSuperuserBreaksTheLinkOfTheRowAfterIt() throws Exception {
        var tag = UUID.randomUUID().toString();
        audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        audit.record("someone", "READ", "interview", tag + "-after", null, AuditLog.Outcome.SUCCESS, null);
        var id = idOf(tag);
        var after = idOf(tag + "-after");
        // Sealed, as every row is within about a second; a row removed before it was sealed was never linked.
        assertThat(chain.verify().intact()).isTrue();

        try (var superuser = superuser(); var statement = superuser.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("create temporary table removed as select * from audit_event where id = " + id);
            statement.execute("delete from audit_event where id = " + id);
            try {
                var broken = chain.verify().firstBreak();
                assertThat(broken).isNotNull();
                assertThat(broken.id()).isEqualTo(after);
                assertThat(broken.problem()).isEqualTo(AuditChain.Problem.LINK_BROKEN);
            } finally {
                statement.execute("insert into audit_event select * from removed");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    private long idOf(String recordId) {
        return jdbc.sql("select id from audit_event where record_id = ?").param(recordId).query(Long.class).single();
    }

    private Connection runtime() throws SQLException {
        var pool = (HikariDataSource) dataSource;
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    /** The embedded database's superuser (password from the data directory), or the external server's. */
    private Connection superuser() throws SQLException, IOException {
        var url = ((HikariDataSource) dataSource).getJdbcUrl();
        if (mode.embedded()) {
            var secrets = new Properties();
            secrets.load(new StringReader(Files.readString(properties.dataDir().resolve("database.secrets"))));
            return DriverManager.getConnection(url, "postgres", secrets.getProperty("superuser"));
        }
        var user = System.getenv().getOrDefault("DELAKTIG_TEST_DB_SUPERUSER", "postgres");
        var password = System.getenv().getOrDefault("DELAKTIG_TEST_DB_SUPERUSER_PASSWORD", "");
        return DriverManager.getConnection(url, user, password);
    }
}
