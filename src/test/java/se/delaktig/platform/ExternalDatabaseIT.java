package se.delaktig.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration tests run against the embedded PostgreSQL unless {@code DELAKTIG_TEST_DB_URL}
 * names a server; this checks that the setting really decides, and says in the test output which
 * database the run used, so a green CI run against an external server can be told from one that
 * silently fell back to the embedded database.
 */
@IntegrationTest
class ExternalDatabaseIT {

    @Autowired
    DatabaseMode mode;

    @Autowired
    JdbcClient jdbc;

    @Test
    void testDatabaseIsTheOneNamedByDelaktigTestDbUrl() {
        var configured = System.getenv("DELAKTIG_TEST_DB_URL");
        var external = configured != null && !configured.isBlank();
        var database = jdbc.sql("select current_database()").query(String.class).single();
        var version = jdbc.sql("show server_version_num").query(String.class).single();
        System.out.printf("Integration tests use %s (database '%s', PostgreSQL %s)%n", mode.description(), database, version);

        assertThat(mode.embedded()).as("embedded iff DELAKTIG_TEST_DB_URL is unset").isEqualTo(!external);
        assertThat(Integer.parseInt(version)).as("PostgreSQL 15 or newer").isGreaterThanOrEqualTo(150000);
        if (external) {
            assertThat(mode.description()).contains(configured.trim());
            assertThat(configured).endsWith("/" + database);
        } else {
            assertThat(database).isEqualTo("delaktig");
        }
    }

    @Test
    void schemaIsMigratedByFlyway() {
        var applied = jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single();

        assertThat(applied).isPositive();
    }
}
