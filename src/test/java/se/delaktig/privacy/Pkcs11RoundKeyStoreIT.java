package se.delaktig.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import se.delaktig.IntegrationTest;

/**
 * The HSM key store against a real PKCS#11 token: Debian's SoftHSM 2, with a throwaway token in
 * {@code target/softhsm}. SoftHSM reads its configuration file from {@code SOFTHSM2_CONF} when the
 * module is initialised, so failsafe sets that variable (pom.xml) and this test writes the file and
 * initialises the token before any PKCS#11 provider is loaded. Without softhsm2 the test fails: it
 * never skips.
 */
@IntegrationTest
class Pkcs11RoundKeyStoreIT {

    private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PIN = "4711-" + UUID.randomUUID().toString().substring(0, 8);
    private static long slot;

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired MasterKey masterKey;

    @BeforeAll
    static void throwawayToken() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/softhsm2-util")) || !Files.exists(Path.of(LIBRARY))) {
            fail("SoftHSM 2 is not installed, so the PKCS#11 key store cannot be tested: apt-get install softhsm2");
        }
        var conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            fail("SOFTHSM2_CONF is not set: run this test through Maven (failsafe sets it to target/softhsm/softhsm2.conf)");
        }
        var confFile = Path.of(conf).toAbsolutePath();
        var tokens = confFile.resolveSibling("tokens");
        FileSystemUtils.deleteRecursively(tokens);
        Files.createDirectories(tokens);
        Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        var init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "delaktig-test",
                "--pin", PIN, "--so-pin", PIN + "-so").redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", confFile.toString());
        var process = init.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        var matcher = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        slot = Long.parseLong(matcher.group(1));
    }

    /** One web node: its own provider instance and key store, as a separate JVM would have. */
    private Pkcs11RoundKeyStore node() {
        return new Pkcs11RoundKeyStore(LIBRARY, slot, 0, PIN.toCharArray(), dataSource);
    }

    /** The token as an outsider with the PIN sees it, read afresh. */
    private static KeyStore token() throws Exception {
        var provider = Security.getProvider("SunPKCS11").configure("--name=outsider\nlibrary = " + LIBRARY + "\nslot = " + slot + "\n");
        var keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, PIN.toCharArray());
        return keyStore;
    }

    private static long roundId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    }

    @Test
    void aRoundKeyIsANonExtractableTokenObjectAndDestroyingItLeavesNothingThatDecrypts() throws Exception {
        var first = node();
        var second = node();
        var keysOnFirst = new RoundKeys(first);
        var keysOnSecond = new RoundKeys(second);
        var round = roundId();

        keysOnFirst.createKey(round);
        assertThat(keysOnFirst.createKey(round, RoundKeys.Purpose.TEXT)).isFalse();
        var words = keysOnFirst.encrypt(round, "Jag vill bestämma mer själv.", "answer:1:2:words");
        var name = keysOnFirst.encryptIdentity(round, "Alva", "key-list:1");
        assertThat(keysOnSecond.decrypt(round, words, "answer:1:2:words")).isEqualTo("Jag vill bestämma mer själv.");
        assertThat(keysOnSecond.decryptIdentity(round, name, "key-list:1")).isEqualTo("Alva");

        var label = first.label(round, RoundKeys.Purpose.TEXT).orElseThrow();
        assertThat(label).startsWith("delaktig-round-" + round + "-text-");
        var object = token().getKey(label, null);
        assertThat(object).as("the key object in the token").isNotNull();
        assertThat(object.getEncoded()).as("the key's bytes, which must never leave the token").isNull();
        // What PostgreSQL keeps is wrapped by the HSM, not by the master key: the master key alone opens nothing.
        var wrapped = jdbc.sql("select wrapped_keyset from round_key_hsm where round_id = ? and purpose = 'TEXT'")
                .param(round).query(byte[].class).single();
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey.aead(),
                RoundKeys.associated(round, RoundKeys.Purpose.TEXT))).isInstanceOf(java.security.GeneralSecurityException.class);

        keysOnFirst.destroyKey(round, RoundKeys.Purpose.TEXT);

        assertThat(token().containsAlias(label)).as("the key object after C_DestroyObject").isFalse();
        assertThat(first.holds(label)).isFalse();
        // The other node had the key cached; its next transaction finds the key gone.
        assertThatThrownBy(() -> keysOnSecond.decrypt(round, words, "answer:1:2:words"))
                .isInstanceOf(RoundKeys.KeyDestroyedException.class);
        assertThatThrownBy(() -> new RoundKeys(node()).decrypt(round, words, "answer:1:2:words"))
                .isInstanceOf(RoundKeys.KeyDestroyedException.class);
        // A copy of the wrapped keyset (from the WAL, a backup) is useless: a new node with the old row still fails.
        jdbc.sql("insert into round_key_hsm (round_id, purpose, key_label, wrapped_keyset) values (?, 'TEXT', ?, ?)")
                .params(round, label, wrapped).update();
        try {
            assertThat(node().find(round, RoundKeys.Purpose.TEXT)).as("the key from a restored row").isEmpty();
        } finally {
            jdbc.sql("delete from round_key_hsm where round_id = ? and purpose = 'TEXT'").param(round).update();
        }
        // The identity key is separate and lives on until it is destroyed in its turn.
        assertThat(keysOnSecond.decryptIdentity(round, name, "key-list:1")).isEqualTo("Alva");
        keysOnSecond.destroyKey(round, RoundKeys.Purpose.IDENTITY);
        assertThatThrownBy(() -> keysOnFirst.decryptIdentity(round, name, "key-list:1"))
                .isInstanceOf(RoundKeys.KeyDestroyedException.class);
        assertThat(keysOnFirst.hasKey(round, RoundKeys.Purpose.IDENTITY)).isFalse();
    }
}
