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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The server's settings, on every start and restart. zonky turns {@code fsync} and
     * {@code synchronous_commit} off for speed (a {@code -F} on the command line and a default of its
     * builder); a later {@code -c} wins over {@code -F}, so these switch durability back on, explicitly
     * and together with {@code full_page_writes}: a save that was answered survives a crash.
     */
    static final Map<String, String> SERVER_CONFIG = serverConfig();
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final DatabaseSecrets secrets;
    private final Path directory;
    private volatile long postmasterPid = -1;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseSecrets secrets, Path directory) {
        this.postgres = postgres;
        this.secrets = secrets;
        this.directory = directory;
    }

    private static Map<String, String> serverConfig() {
        var config = new LinkedHashMap<String, String>();
        config.put("fsync", "on");
        config.put("synchronous_commit", "on");
        config.put("full_page_writes", "on");
        config.put("timezone", "UTC");
        config.put("listen_addresses", "127.0.0.1");
        // Relative to the data directory, where the server runs: the socket is as private as the
        // files, and the path stays short enough for a socket name however deep the folder lies.
        config.put("unix_socket_directories", ".");
        config.put("unix_socket_permissions", "0700");
        config.put("password_encryption", "scram-sha-256");
        // zonky's default, named here so that a restart by the watchdog starts the very same server.
        config.put("max_connections", "300");
        return Collections.unmodifiableMap(config);
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
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(ephemeral)
                // Crash recovery after a kill may take a while on a large database.
                .setPGStartupWait(STARTUP_WAIT)
                // Our owner (the Spring context) stops the server; a hook of zonky's own would stop it behind the
                // watchdog's back while the application is still shutting down.
                .setRegisterShutdownHook(false)
                .setConnectConfig("password", secrets.superuser())
                .setDataDirectoryCustomizer(dir -> {
                    // zonky holds the directory's lock by now: a server found here is an orphan of ours.
                    Postmaster.clearForStart(dir.toPath());
                    lockDown(dir.toPath(), secrets);
                });
        SERVER_CONFIG.forEach(builder::setServerConfig);
        var postgres = builder.start();
        var database = new EmbeddedDatabase(postgres, secrets, directory);
        try {
            database.prepareRolesAndDatabase();
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("Could not prepare the embedded database's roles", e);
        }
        database.postmasterPid = Postmaster.pidIn(directory).orElse(-1L);
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

    /** The postmaster's process number, as it wrote it when it last started. */
    long postmasterPid() {
        return postmasterPid;
    }

    /** Whether the server that was started (or restarted) last is still running. */
    boolean postmasterAlive() {
        return postmasterPid > 0 && Postmaster.alive(postmasterPid);
    }

    /**
     * Starts the server again after it died, on the same port and data directory, so that the pool's
     * address stays right; PostgreSQL recovers from its WAL first. zonky's instance keeps the
     * directory's lock throughout and stops whichever server runs there when the application ends.
     */
    synchronized void restart() throws IOException {
        if (postmasterAlive()) {
            return;
        }
        Postmaster.clearForStart(directory);
        var options = new ArrayList<String>(List.of("-p", Integer.toString(port())));
        SERVER_CONFIG.forEach((key, value) -> options.addAll(List.of("-c", key + "=" + value)));
        var command = new ArrayList<String>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary(directory).resolveSibling("pg_ctl").toString(), "start", "-D", directory.toString(),
                "-o", String.join(" ", options), "-w", "-t", Long.toString(STARTUP_WAIT.toSeconds())));
        // The server keeps writing its log to what it inherits: a file beside the data directory, never a pipe
        // that nobody drains.
        var logFile = directory.resolveSibling("postgres-restarts.log").toFile();
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile)).start();
        try {
            if (!process.waitFor(STARTUP_WAIT.toSeconds() + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("pg_ctl did not return within " + STARTUP_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while restarting the embedded PostgreSQL", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("pg_ctl start failed with exit code " + process.exitValue() + ": " + lastLine(logFile.toPath()));
        }
        try (var connection = dataSource("postgres", SUPERUSER, secrets.superuser()).getConnection();
             var statement = connection.createStatement()) {
            statement.execute("select 1");
        } catch (SQLException e) {
            throw new IOException("The restarted embedded PostgreSQL does not answer", e);
        }
        postmasterPid = Postmaster.pidIn(directory).orElseThrow(() -> new IOException("No postmaster.pid after the restart"));
    }

    private static String lastLine(Path file) {
        try {
            var lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
            // PostgreSQL's own reason ("FATAL: …") says more than pg_ctl's "Examine the log output."
            var reasons = lines.stream().filter(line -> line.contains("FATAL") || line.contains("ERROR")).toList();
            return reasons.isEmpty() ? (lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1))
                    : reasons.get(reasons.size() - 1);
        } catch (IOException | UncheckedIOException e) {
            return "(see " + file + ")";
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
