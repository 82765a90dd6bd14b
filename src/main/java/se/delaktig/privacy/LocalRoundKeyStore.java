package se.delaktig.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.delaktig.privacy.RoundKeys.Purpose;

/**
 * The default key store: one file per round and purpose ({@code round-<id>-<purpose>.key}) in a
 * directory of its own, outside the PostgreSQL data directory, holding the round's Tink keyset
 * wrapped by the master key. The directory is 0700 and the files 0600.
 *
 * <p>A key is written to a temporary file, flushed to disk, renamed into place and the directory
 * flushed, so a crash leaves either no key or a whole one. Destroying overwrites the file with random
 * bytes, flushes, deletes it and flushes the directory: unlike a PostgreSQL row, nothing keeps an old
 * version. (On copy-on-write file systems or flash, old blocks may linger below the file system; where
 * that matters, use the HSM store.)
 *
 * <p>The files belong to one machine, so this store serves one web node. Several nodes need the
 * PKCS#11 store.
 */
final class LocalRoundKeyStore implements RoundKeyStore {

    private static final Logger log = LoggerFactory.getLogger(LocalRoundKeyStore.class);
    private static final String SUFFIX = ".key";
    private static final String TEMPORARY = ".tmp";

    private final Path dir;
    private final MasterKey masterKey;
    private final boolean posix;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param empty start from an empty directory (the tests' throwaway database), shredding what is
     *              there, so keys never outlive the database they belong to
     */
    LocalRoundKeyStore(Path dir, MasterKey masterKey, boolean empty) {
        this.dir = dir.toAbsolutePath().normalize();
        this.masterKey = masterKey;
        try {
            Files.createDirectories(this.dir);
            this.posix = Files.getFileStore(this.dir).supportsFileAttributeView("posix");
            if (posix) {
                Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwx------"));
            } else {
                log.warn("The key directory {} is not on a POSIX file system, so its permissions cannot be restricted", this.dir);
            }
            try (var files = Files.list(this.dir)) {
                for (var file : files.toList()) {
                    // A temporary file is a write that crashed before its rename: shred it like a destroyed key.
                    if (file.getFileName().toString().endsWith(TEMPORARY) || (empty && file.getFileName().toString().endsWith(SUFFIX))) {
                        shred(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the key directory " + this.dir, e);
        }
        log.info("Round keys are kept in the local key store {}", this.dir);
    }

    Path directory() {
        return dir;
    }

    @Override
    public synchronized boolean create(long roundId, Purpose purpose, KeysetHandle keyset) {
        var target = file(roundId, purpose);
        if (Files.exists(target)) {
            return false;
        }
        try {
            var wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKey.aead(), RoundKeys.associated(roundId, purpose));
            var temporary = target.resolveSibling(target.getFileName() + TEMPORARY);
            try (var channel = posix
                    ? FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())
                    : FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(channel, wrapped);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            return true;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("A half-written key file is in the way: " + e.getFile(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap the " + purpose + " key of round " + roundId, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the " + purpose + " key of round " + roundId + " to " + dir, e);
        }
    }

    @Override
    public Optional<KeysetHandle> find(long roundId, Purpose purpose) {
        byte[] wrapped;
        try {
            wrapped = Files.readAllBytes(file(roundId, purpose));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the " + purpose + " key of round " + roundId, e);
        }
        try {
            return Optional.of(TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey.aead(), RoundKeys.associated(roundId, purpose)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The " + purpose + " key of round " + roundId
                    + " cannot be unwrapped: is DELAKTIG_MASTER_KEY the key this installation was created with?", e);
        }
    }

    @Override
    public boolean exists(long roundId, Purpose purpose) {
        return Files.exists(file(roundId, purpose));
    }

    @Override
    public synchronized boolean destroy(long roundId, Purpose purpose) {
        var target = file(roundId, purpose);
        if (!Files.exists(target)) {
            return false;
        }
        try {
            shred(target);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not destroy the " + purpose + " key of round " + roundId, e);
        }
    }

    /** Overwrites with random bytes, flushes, deletes and flushes the directory. */
    private void shred(Path file) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            var noise = new byte[(int) Math.max(channel.size(), 1)];
            random.nextBytes(noise);
            channel.position(0);
            writeFully(channel, noise);
            channel.force(true);
        }
        Files.delete(file);
        syncDirectory();
    }

    private Path file(long roundId, Purpose purpose) {
        return dir.resolve("round-" + roundId + "-" + purpose.name().toLowerCase(Locale.ROOT) + SUFFIX);
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Makes a rename or delete durable: without it a crash can bring the old directory entry back. */
    private void syncDirectory() throws IOException {
        if (!posix) {
            return;
        }
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
