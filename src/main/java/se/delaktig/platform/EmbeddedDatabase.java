package se.delaktig.platform;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL, locked down: every connection needs a password (SCRAM-SHA-256), the server
 * listens on 127.0.0.1 only, its unix socket lies inside the data directory (mode 0700), and the
 * application never connects as the superuser. Two roles do the work: {@value #OWNER} owns the schema
 * and runs the migrations, {@value #RUNTIME} is what the application connects as.
 *
 * <p>zonky's initdb always uses trust authentication, so before the server starts we set the
 * superuser's password in single-user mode (no network) and rewrite {@code pg_hba.conf}. The same path
 * upgrades a data directory written by an older Delaktig (trust, no password), without touching its
 * data, so there is never a moment in which the server accepts connections without a password.
 */
final class EmbeddedDatabase implements Closeable {

    static final String DATABASE = "delaktig";
    static final String OWNER = "delaktig_owner";
    static final String RUNTIME = "delaktig_app";
    private static final String SUPERUSER = "postgres";
    private static final String HBA_MARKER = "# Delaktig: every connection needs a password";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final DatabaseSecrets secrets;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseSecrets secrets) {
        this.postgres = postgres;
        this.secrets = secrets;
    }

    static EmbeddedDatabase start(Path dataDir, boolean ephemeral) throws IOException {
        var root = dataDir.toAbsolutePath().normalize();
        var directory = root.resolve("postgres");
        if (ephemeral) {
            FileSystemUtils.deleteRecursively(directory);
        }
        Files.createDirectories(directory);
        // The data directory holds the database passwords (and other helpers' keys): nobody else may list it.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        var secretsFile = root.resolve(DatabaseSecrets.FILE_NAME);
        if (!Files.exists(secretsFile) && locked(directory)) {
            throw new IllegalStateException("The embedded database in " + directory + " only opens with the passwords in "
                    + secretsFile + ", which is missing. Restore that file from the backup of the data directory.");
        }
        var secrets = DatabaseSecrets.loadOrCreate(secretsFile);
        log.info("Starting embedded PostgreSQL with its files in {}", directory);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(ephemeral)
                .setServerConfig("timezone", "UTC")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Relative to the data directory, where the server runs: the socket is as private as the
                // files, and the path stays short enough for a socket name however deep the folder lies.
                .setServerConfig("unix_socket_directories", ".")
                .setServerConfig("unix_socket_permissions", "0700")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", secrets.superuser())
                .setDataDirectoryCustomizer(dir -> lockDown(dir.toPath(), secrets))
                .start();
        var database = new EmbeddedDatabase(postgres, secrets);
        try {
            database.prepareRolesAndDatabase();
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("Could not prepare the embedded database's roles", e);
        }
        return database;
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    String runtimePassword() {
        return secrets.runtime();
    }

    PGSimpleDataSource ownerDataSource() {
        return dataSource(DATABASE, OWNER, secrets.owner());
    }

    private PGSimpleDataSource dataSource(String database, String user, String password) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Before the server starts: a superuser password, password-only access, owner-only folders. */
    private static void lockDown(Path directory, DatabaseSecrets secrets) {
        try {
            var hba = directory.resolve("pg_hba.conf");
            if (!locked(directory)) {
                // A fresh initdb, or a data directory from before passwords: the superuser has none yet.
                log.info("Setting the embedded database's superuser password and switching it to password authentication");
                setSuperuserPassword(directory, secrets.superuser());
            }
            Files.writeString(hba, HBA_MARKER + """
                    , from this machine only. Rewritten on every start.
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    host    all   all   ::1/128        scram-sha-256
                    """, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(hba, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the data directory already demands passwords (written by this class before). */
    private static boolean locked(Path directory) throws IOException {
        var hba = directory.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
    }

    /**
     * Single-user mode has no network at all. Only the SCRAM verifier is sent, never the password itself,
     * so not even a server log could show it.
     */
    private static void setSuperuserPassword(Path directory, String password) throws IOException {
        var verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        var command = new ArrayList<String>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky does: PostgreSQL refuses to run as root, a user namespace makes it someone else.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary(directory).toString(), "--single", "-D", directory.toString(), SUPERUSER));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var input = process.getOutputStream()) {
            input.write(("ALTER ROLE " + SUPERUSER + " PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.UTF_8));
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace(verifier, "…");
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || output.contains("ERROR:")) {
                process.destroyForcibly();
                throw new IllegalStateException("Could not set the password of the embedded database's superuser: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting the embedded database's password", e);
        }
    }

    /**
     * The {@code postgres} binary that zonky has unpacked (it does so before it calls the data directory
     * customizer), of the same major version as the data directory.
     */
    private static Path postgresBinary(Path directory) throws IOException {
        var major = Files.readString(directory.resolve("PG_VERSION"), StandardCharsets.US_ASCII).trim();
        var working = Path.of(Optional.ofNullable(System.getProperty("ot.epg.working-dir"))
                .orElse(new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
        List<Path> candidates;
        try (var entries = Files.list(working)) {
            candidates = entries.filter(entry -> entry.getFileName().toString().startsWith("PG-"))
                    .filter(entry -> Files.isExecutable(entry.resolve("bin/postgres")))
                    .sorted(Comparator.comparing(EmbeddedDatabase::unpackedAt).reversed())
                    .toList();
        }
        for (var candidate : candidates) {
            var binary = candidate.resolve("bin/postgres");
            var process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            var version = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            // "postgres (PostgreSQL) 17.11"
            if (version.matches("(?s).*\\) " + major + "[.].*")) {
                return binary;
            }
        }
        throw new IllegalStateException("No unpacked PostgreSQL " + major + " found in " + working);
    }

    private static long unpackedAt(Path directory) {
        try {
            return Files.getLastModifiedTime(directory.resolve(".exists")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The two roles and the database, created when missing. A database from an older Delaktig was owned by
     * the superuser; its objects are handed to the migration owner, so that Flyway (as the owner) can keep
     * migrating and the runtime role gets only what the migrations grant it.
     */
    private void prepareRolesAndDatabase() throws SQLException {
        try (var connection = dataSource("postgres", SUPERUSER, secrets.superuser()).getConnection();
             var statement = connection.createStatement()) {
            for (var role : List.of(new String[] {OWNER, secrets.owner()}, new String[] {RUNTIME, secrets.runtime()})) {
                if (!exists(connection, "select 1 from pg_roles where rolname = ?", role[0])) {
                    statement.execute("create role " + role[0] + " login");
                }
                statement.execute("alter role " + role[0] + " with login nosuperuser nocreatedb nocreaterole noreplication "
                        + "nobypassrls password '" + PasswordUtil.encodeScramSha256(role[1].toCharArray()) + "'");
            }
            if (exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
                statement.execute("alter database " + DATABASE + " owner to " + OWNER);
            } else {
                statement.execute("create database " + DATABASE + " owner " + OWNER + " encoding 'UTF8'");
            }
        }
        try (var connection = dataSource(DATABASE, SUPERUSER, secrets.superuser()).getConnection();
             var statement = connection.createStatement()) {
            statement.execute("""
                    do $$
                    declare
                        item record;
                    begin
                        for item in
                            select format('alter %s %s owner to %I',
                                          case c.relkind when 'S' then 'sequence' when 'v' then 'view'
                                                         when 'm' then 'materialized view' else 'table' end,
                                          c.oid::regclass, '{owner}') as command
                            from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                              and c.relowner <> '{owner}'::regrole
                              -- sequences of serial columns follow their table
                              and not (c.relkind = 'S' and exists (select 1 from pg_depend d
                                       where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i')))
                        loop
                            execute item.command;
                        end loop;
                        for item in
                            select format('alter routine %s owner to %I', p.oid::regprocedure, '{owner}') as command
                            from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                            where n.nspname = 'public' and p.proowner <> '{owner}'::regrole
                        loop
                            execute item.command;
                        end loop;
                    end $$
                    """.replace("{owner}", OWNER));
        }
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (var query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (var result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
