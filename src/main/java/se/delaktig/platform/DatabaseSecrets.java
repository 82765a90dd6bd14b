package se.delaktig.platform;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The generated passwords of the embedded PostgreSQL's three roles: the superuser (used only to set up
 * the other two), the migration owner and the runtime role. They live in one file in the data directory
 * that only the owner of the process can read, so that knowing the port is not enough to get in.
 * {@link #toString()} never shows them, so they cannot reach a log by accident.
 */
record DatabaseSecrets(String superuser, String owner, String runtime) {

    static final String FILE_NAME = "database.secrets";
    private static final SecureRandom RANDOM = new SecureRandom();

    static DatabaseSecrets loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            var properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            var secrets = new DatabaseSecrets(properties.getProperty("superuser"), properties.getProperty("owner"),
                    properties.getProperty("runtime"));
            if (blank(secrets.superuser) || blank(secrets.owner) || blank(secrets.runtime)) {
                throw new IllegalStateException("The database password file " + file + " is incomplete. Restore it from "
                        + "the backup of the data directory; without it the embedded database cannot be opened.");
            }
            return secrets;
        }
        var secrets = new DatabaseSecrets(generate(), generate(), generate());
        // Written to a private temporary file and moved into place, so the file never exists half written
        // or readable by others, not even for a moment.
        var temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        var text = """
                # Passwords of the embedded PostgreSQL, generated on first start. Keep this file with the data
                # directory (and its backups): the database cannot be opened without it.
                superuser=%s
                owner=%s
                runtime=%s
                """.formatted(secrets.superuser, secrets.owner, secrets.runtime);
        try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return secrets;
    }

    private static String generate() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "DatabaseSecrets[hidden]";
    }
}
