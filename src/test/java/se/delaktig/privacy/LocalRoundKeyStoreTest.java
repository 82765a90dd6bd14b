package se.delaktig.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.delaktig.platform.DelaktigProperties;
import se.delaktig.privacy.RoundKeys.Purpose;

class LocalRoundKeyStoreTest {

    private static final String MASTER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path data;

    @BeforeAll
    static void tink() throws Exception {
        AeadConfig.register();
    }

    private LocalRoundKeyStore store(boolean empty) throws Exception {
        return new LocalRoundKeyStore(data.resolve("keys"), new MasterKey(MASTER, new DelaktigProperties(data, false, false)), empty);
    }

    @Test
    void keysAreFilesOnlyTheOwnerCanReadAndTheyOutliveARestart() throws Exception {
        var keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        var sealed = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class).encrypt("hej".getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThat(store(false).create(7, Purpose.TEXT, keyset)).isTrue();
        assertThat(store(false).create(7, Purpose.TEXT, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM))).isFalse();

        var file = data.resolve("keys/round-7-text.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        var restarted = store(false);
        assertThat(restarted.exists(7, Purpose.TEXT)).isTrue();
        assertThat(restarted.exists(7, Purpose.IDENTITY)).isFalse();
        var found = restarted.find(7, Purpose.TEXT).orElseThrow().getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThat(new String(found.decrypt(sealed, new byte[0]), StandardCharsets.UTF_8)).isEqualTo("hej");
        try (var files = Files.list(data.resolve("keys"))) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void destroyingOverwritesTheKeysBytesInPlaceBeforeDeletingTheFile() throws Exception {
        var store = store(false);
        store.create(8, Purpose.IDENTITY, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        var file = data.resolve("keys/round-8-identity.key");
        var before = Files.readAllBytes(file);
        // A second name for the same inode: what a file-system-level copy or an undelete tool would find.
        var sameBlocks = data.resolve("same-inode");
        Files.createLink(sameBlocks, file);

        assertThat(store.destroy(8, Purpose.IDENTITY)).isTrue();

        assertThat(file).doesNotExist();
        assertThat(store.exists(8, Purpose.IDENTITY)).isFalse();
        assertThat(store.find(8, Purpose.IDENTITY)).isEmpty();
        assertThat(store.destroy(8, Purpose.IDENTITY)).isFalse();
        var after = Files.readAllBytes(sameBlocks);
        assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
        assertThat(new String(after, StandardCharsets.ISO_8859_1)).doesNotContain("type.googleapis.com");
    }

    @Test
    void aThrowawayDatabaseStartsWithAnEmptyKeyStore() throws Exception {
        store(false).create(9, Purpose.TEXT, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        Files.write(data.resolve("keys/round-10-text.key.tmp"), new byte[] {1, 2, 3});

        assertThat(store(false).exists(9, Purpose.TEXT)).as("a normal start keeps the keys").isTrue();
        assertThat(data.resolve("keys/round-10-text.key.tmp")).as("a crashed write is shredded").doesNotExist();
        assertThat(store(true).exists(9, Purpose.TEXT)).isFalse();
    }
}
