package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.platform.DelaktigProperties;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * The review's attack on crypto-shredding: someone walks off with a copy of the data folder (the
 * database files, the WAL, the key store, the logs) and the master key. Before shredding, such a copy
 * must decrypt – that is what proves the attacker's scan works. After the round is closed and the
 * retention job has shredded it, no key found anywhere in the copy may decrypt any of the round's
 * ciphertexts, which the attacker also has (read raw from the database before and after).
 */
@IntegrationTest
class ShreddedDataFolderAttackIT {

    private static final Logger log = LoggerFactory.getLogger(ShreddedDataFolderAttackIT.class);

    @Autowired CodingWorld worlds;
    @Autowired RoundService rounds;
    @Autowired RoundKeys keys;
    @Autowired JdbcClient jdbc;
    @Autowired DelaktigProperties properties;
    @Value("${DELAKTIG_MASTER_KEY}") String masterKey;

    /** A ciphertext as the database holds it, and the place it is bound to (which the attacker reads off the row). */
    private record Sealed(String what, byte[] ciphertext, String context) {
    }

    @Test
    void aCopyOfTheDataFolderWithTheMasterKeyDecryptsNothingOnceTheRoundIsShredded() throws Exception {
        var w = worlds.create();
        var roundId = w.roundId();
        var identity = jdbc.sql("""
                        select k.participant_id, k.ciphertext from key_list_entry k join participant p on p.id = k.participant_id
                        where p.round_id = ?""").param(roundId)
                .query((rs, n) -> new Sealed("key list entry " + rs.getLong(1), rs.getBytes(2), "key-list:" + rs.getLong(1))).list();
        var text = new ArrayList<>(jdbc.sql("""
                        select a.interview_id, a.question_id, a.child_words from answer a join interview i on i.id = a.interview_id
                        where i.round_id = ? and a.child_words is not null""").param(roundId)
                .query((rs, n) -> new Sealed("child's words", rs.getBytes(3),
                        "answer:" + rs.getLong(1) + ":" + rs.getLong(2) + ":words")).list());
        text.addAll(jdbc.sql("select id, reflection from interview where round_id = ? and reflection is not null").param(roundId)
                .query((rs, n) -> new Sealed("reflection", rs.getBytes(2), "interview:" + rs.getLong(1) + ":reflection")).list());
        assertThat(identity).hasSize(2);
        assertThat(text).hasSizeGreaterThanOrEqualTo(3);
        var attacker = new Attacker(Base64.getDecoder().decode(masterKey.trim()), roundId);

        // The positive control: before shredding, the scan finds keys that open both kinds of ciphertext.
        var before = attacker.keysIn(copyOfTheDataFolder());
        assertThat(Attacker.opened(before.identity(), identity)).as("identity ciphertexts opened before shredding").hasSize(2);
        assertThat(Attacker.opened(before.text(), text)).as("free text opened before shredding").hasSameSizeAs(text);

        // Close the round (destroys the identity key), let the retention period pass and the scheduled job shred.
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(roundId).stage() != Stage.FEEDBACK) {
                rounds.advance(roundId);
            }
            rounds.close(roundId, true);
        });
        jdbc.sql("update round_closure set closed_at = now() - interval '13 months' where round_id = ?").param(roundId).update();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !keys.hasKey(roundId, RoundKeys.Purpose.TEXT));
        assertThat(keys.hasKey(roundId, RoundKeys.Purpose.IDENTITY)).isFalse();

        var after = attacker.keysIn(copyOfTheDataFolder());
        var opened = new ArrayList<String>();
        opened.addAll(Attacker.opened(after.all(), identity));
        opened.addAll(Attacker.opened(after.all(), text));
        assertThat(opened).as("ciphertexts of the shredded round that a key found in the copy opens").isEmpty();
    }

    /** Everything under the data folder, and the external PostgreSQL's own files when it has any we can read. */
    private List<Path> copyOfTheDataFolder() throws IOException {
        try {
            // Writes dirty pages to the table files, so the copy holds what a copy taken later would.
            jdbc.sql("checkpoint").update();
        } catch (RuntimeException noPrivilege) {
            log.warn("CHECKPOINT refused ({}); the WAL still holds every change", noPrivilege.getMessage());
        }
        var sources = new ArrayList<Path>();
        sources.add(properties.dataDir().toAbsolutePath().normalize());
        try {
            var postgres = Path.of(jdbc.sql("show data_directory").query(String.class).single()).toAbsolutePath();
            if (!postgres.startsWith(sources.get(0)) && Files.isReadable(postgres)) {
                sources.add(postgres);
            }
        } catch (RuntimeException noPrivilege) {
            // Only a superuser (or pg_read_all_settings) may ask; the embedded database lies in the data folder anyway.
            log.warn("Cannot ask PostgreSQL where its files are ({})", noPrivilege.getMessage());
        }
        var target = Files.createDirectories(Path.of("target", "attack")).resolve("data-folder-copy");
        FileSystemUtils.deleteRecursively(target);
        var files = new ArrayList<Path>();
        for (var i = 0; i < sources.size(); i++) {
            var source = sources.get(i);
            var into = target.resolve(Integer.toString(i));
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        try {
                            var copy = into.resolve(source.relativize(file).toString());
                            Files.createDirectories(copy.getParent());
                            Files.copy(file, copy);
                            files.add(copy);
                        } catch (IOException vanished) {
                            // PostgreSQL removes temporary files and old WAL while we copy; a copy misses them too.
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        log.info("Copied {} files ({} MB) of the data folder", files.size(),
                files.stream().mapToLong(f -> f.toFile().length()).sum() / 1_000_000);
        return files;
    }

    /**
     * What the attacker does with the copy: every place where a Tink {@code EncryptedKeyset} could
     * start (field 2, the wrapped keyset, tag 0x12 with a plausible length) is tried as a keyset
     * wrapped by the master key for the round's text key and for its identity key.
     */
    private static final class Attacker {

        private final Aead master;
        private final byte[] textAssociated;
        private final byte[] identityAssociated;

        record Found(List<Aead> text, List<Aead> identity) {
            List<Aead> all() {
                var all = new ArrayList<>(text);
                all.addAll(identity);
                return all;
            }
        }

        Attacker(byte[] masterKey, long roundId) throws GeneralSecurityException {
            AeadConfig.register();
            var parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            var key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(masterKey, InsecureSecretKeyAccess.get())).build();
            this.master = KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            // The associated data the application binds a wrapped key to: it is in the application's code.
            this.textAssociated = associated("round:", roundId);
            this.identityAssociated = associated("ident:", roundId);
        }

        private static byte[] associated(String prefix, long roundId) {
            return java.nio.ByteBuffer.allocate(Long.BYTES + 6).put(prefix.getBytes(StandardCharsets.US_ASCII)).putLong(roundId).array();
        }

        Found keysIn(List<Path> files) throws IOException {
            var text = new ArrayList<Aead>();
            var identity = new ArrayList<Aead>();
            var seen = new HashSet<String>();
            long candidates = 0;
            for (var file : files) {
                var bytes = Files.readAllBytes(file);
                for (var i = 0; i + 2 < bytes.length; i++) {
                    if (bytes[i] != 0x12) {
                        continue;
                    }
                    // A varint length of one or two bytes.
                    int length = bytes[i + 1] & 0x7f;
                    var header = 2;
                    if ((bytes[i + 1] & 0x80) != 0) {
                        length |= (bytes[i + 2] & 0x7f) << 7;
                        header = 3;
                        if ((bytes[i + 2] & 0x80) != 0) {
                            continue;
                        }
                    }
                    if (length < 40 || length > 1024 || i + header + length > bytes.length) {
                        continue;
                    }
                    candidates++;
                    var wrapped = java.util.Arrays.copyOfRange(bytes, i + header, i + header + length);
                    tryUnwrap(wrapped, textAssociated, text, seen);
                    tryUnwrap(wrapped, identityAssociated, identity, seen);
                }
            }
            log.info("Tried {} candidate wrapped keysets: {} text and {} identity keys unwrapped", candidates, text.size(), identity.size());
            return new Found(text, identity);
        }

        private void tryUnwrap(byte[] wrapped, byte[] associated, List<Aead> into, Set<String> seen) {
            try {
                var keyset = master.decrypt(wrapped, associated);
                if (seen.add(Base64.getEncoder().encodeToString(keyset) + Base64.getEncoder().encodeToString(associated))) {
                    into.add(TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get())
                            .getPrimitive(RegistryConfiguration.get(), Aead.class));
                }
            } catch (GeneralSecurityException | RuntimeException notAKey) {
                // Not a keyset wrapped by this master key for this round.
            }
        }

        /** The ciphertexts that one of the keys opens. */
        static List<String> opened(List<Aead> keys, List<Sealed> sealed) {
            var opened = new ArrayList<String>();
            for (var s : sealed) {
                for (var key : keys) {
                    try {
                        key.decrypt(s.ciphertext(), s.context().getBytes(StandardCharsets.UTF_8));
                        opened.add(s.what());
                        break;
                    } catch (GeneralSecurityException wrongKey) {
                        // next key
                    }
                }
            }
            return opened;
        }
    }
}
