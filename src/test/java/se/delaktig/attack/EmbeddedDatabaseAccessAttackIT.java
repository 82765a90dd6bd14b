package se.delaktig.attack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.DelaktigApplication;
import se.delaktig.audit.AuditChain;
import se.delaktig.organization.Organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks on the embedded PostgreSQL by another program or user on the same machine: connect without a
 * password over TCP or the unix socket, reach the server from the network, read its folders. Starts its
 * own Delaktig on a fresh data directory (so it runs the same against an external test database), and
 * one more on a data directory written the way older versions wrote it (trust, no password).
 */
class EmbeddedDatabaseAccessAttackIT {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void start() {
        app = start(dataDir);
        port = port(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withoutAPasswordNoRoleGetsInOverTcpOrTheSocket() throws Exception {
        for (var role : List.of("postgres", "delaktig_owner", "delaktig_app")) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/delaktig?user=" + role).close())
                    .as(role + " over TCP without a password").isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/delaktig", role, "guess").close())
                    .as(role + " over TCP with a wrong password").isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");

            var socket = dataDir.resolve("postgres").resolve(".s.PGSQL." + port);
            assertThat(socket).as("the socket lies inside the data directory").exists();
            assertThat(authenticationRequest(socket, role)).as(role + " over the socket: asked for SCRAM (10), not let in (0)")
                    .isEqualTo(10);
        }
    }

    @Test
    void theDataFoldersAndThePasswordFileAreTheOwnersAlone() throws Exception {
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("database.secrets"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("show unix_socket_permissions").query(String.class).single()).isEqualTo("0700");
        var pool = app.getBean(HikariDataSource.class);
        assertThat(Files.readString(dataDir.resolve("database.secrets"))).contains(pool.getPassword());
    }

    @Test
    void theServerListensOnLoopbackOnly() throws Exception {
        var jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("show listen_addresses").query(String.class).single()).isEqualTo("127.0.0.1");
        for (var network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (var address : Collections.list(network.getInetAddresses())) {
                if (address.isLoopbackAddress() || !(address instanceof Inet4Address)) {
                    continue;
                }
                try (var probe = new Socket()) {
                    assertThatThrownBy(() -> probe.connect(new InetSocketAddress(address, port), 2000))
                            .as("reaching the database at " + address).isInstanceOf(ConnectException.class);
                }
            }
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsIsLockedOnStartAndKeepsItsData(@TempDir Path oldDir) throws Exception {
        // Written as Delaktig before this change did: zonky's defaults (trust), everything owned by the superuser.
        try (var old = EmbeddedPostgres.builder().setDataDirectory(oldDir.resolve("postgres")).setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC").start()) {
            try (var connection = old.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("create database delaktig encoding 'UTF8'");
            }
            var url = old.getJdbcUrl("postgres", "delaktig");
            Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration").target("210").load().migrate();
            try (var connection = DriverManager.getConnection(url)) {
                connection.createStatement().execute("insert into municipality (name) values ('Gammelby')");
                connection.createStatement().execute("""
                        insert into audit_event (actor, action, record_type, record_id, outcome)
                        values ('gammal', 'READ', 'round', '1', 'SUCCESS'), ('gammal', 'READ', 'round', '2', 'SUCCESS')""");
            }
        }

        try (var upgraded = start(oldDir)) {
            assertThat(upgraded.getBean(Organization.class).municipalities())
                    .anySatisfy(municipality -> assertThat(municipality.name()).isEqualTo("Gammelby"));
            var verification = upgraded.getBean(AuditChain.class).verify();
            assertThat(verification.intact()).isTrue();
            assertThat(verification.rowsChecked()).isGreaterThanOrEqualTo(2);
            var jdbc = upgraded.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("delaktig_app");
            assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'municipality'").query(String.class).single())
                    .isEqualTo("delaktig_owner");
            var upgradedPort = port(upgraded);
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + upgradedPort + "/delaktig?user=postgres").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("no password was provided");
            assertThat(authenticationRequest(oldDir.resolve("postgres").resolve(".s.PGSQL." + upgradedPort), "postgres")).isEqualTo(10);
        }
    }

    private static ConfigurableApplicationContext start(Path directory) {
        return new SpringApplicationBuilder(DelaktigApplication.class)
                .run("--server.port=0",
                        "--spring.profiles.active=",
                        "--spring.datasource.url=",
                        "--delaktig.data-dir=" + directory.toAbsolutePath(),
                        "--delaktig.ephemeral=false",
                        "--delaktig.demo=false",
                        "--DELAKTIG_MASTER_KEY=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                        "--DELAKTIG_BOOTSTRAP_ADMIN_USERNAME=",
                        "--DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD=");
    }

    private static int port(ConfigurableApplicationContext context) {
        var url = context.getBean(HikariDataSource.class).getJdbcUrl();
        return Integer.parseInt(url.replaceAll("^jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
    }

    /**
     * Speaks the first step of PostgreSQL's protocol over the unix socket (JDBC cannot use one): a startup
     * message without a password. Returns the server's authentication request: 0 means "you are in".
     */
    private static int authenticationRequest(Path socket, String user) throws IOException {
        try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            var parameters = ("user\0" + user + "\0database\0delaktig\0\0").getBytes(StandardCharsets.UTF_8);
            var startup = ByteBuffer.allocate(8 + parameters.length).putInt(8 + parameters.length).putInt(196608).put(parameters).flip();
            channel.write(startup);
            var answer = ByteBuffer.allocate(9);
            while (answer.hasRemaining() && channel.read(answer) >= 0) {
                // read the message type, its length and the authentication code
            }
            answer.flip();
            assertThat((char) answer.get()).as("an authentication request").isEqualTo('R');
            answer.getInt();
            return answer.getInt();
        }
    }
}
