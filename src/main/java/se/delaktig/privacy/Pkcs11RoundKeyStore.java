package se.delaktig.privacy;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.privacy.RoundKeys.Purpose;

/**
 * The key store for production and for several web nodes: a PKCS#11 hardware security module, used
 * through the JDK's SunPKCS11 provider. Each round and purpose gets its own AES-256 key object in the
 * token, sensitive and not extractable, labelled {@code delaktig-round-<id>-<purpose>-<random>}. It
 * wraps (AES-GCM, inside the HSM) the round's Tink keyset, and that wrapped keyset is kept in the
 * table {@code round_key_hsm} together with the label: without the HSM object the row is useless, so
 * the WAL and every backup of PostgreSQL may keep it. Destroying a key destroys the HSM object
 * ({@code C_DestroyObject}) and then deletes the row.
 *
 * <p>The row doubles as the cheap, transactional existence check that {@link RoundKeys} makes once
 * per transaction: a primary-key lookup that every node sees at once, instead of a search of the
 * token's objects. The random part of the label lets two nodes race to create the same key without
 * colliding in the token; the row's primary key decides which one wins, and the loser destroys its
 * object.
 */
final class Pkcs11RoundKeyStore implements RoundKeyStore {

    private static final Logger log = LoggerFactory.getLogger(Pkcs11RoundKeyStore.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Provider provider;
    private final KeyStore token;
    private final char[] pin;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param library       path of the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slot          the token's slot id, or {@code null} to use {@code slotListIndex}
     * @param slotListIndex index into the module's list of slots (used when {@code slot} is null)
     */
    Pkcs11RoundKeyStore(String library, Long slot, int slotListIndex, char[] pin, DataSource dataSource) {
        this.pin = pin.clone();
        // Our own client on the data source (not the application's bean): it joins the caller's
        // transaction all the same, and lets the Flyway migration that moves old keys use this store.
        this.jdbc = JdbcClient.create(dataSource);
        // Keys generated through this provider are sensitive and never leave the token in the clear.
        var config = "--name=delaktig\n"
                + "library = \"" + library + "\"\n"
                + (slot != null ? "slot = " + slot : "slotListIndex = " + slotListIndex) + "\n"
                + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
        try {
            this.provider = Security.getProvider("SunPKCS11").configure(config);
            this.token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, this.pin);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IllegalStateException("Could not open the PKCS#11 token (library " + library + ", "
                    + (slot != null ? "slot " + slot : "slot list index " + slotListIndex)
                    + "). Check delaktig.keys.pkcs11.* and DELAKTIG_HSM_PIN.", e);
        }
        log.info("Round keys are kept in the PKCS#11 token of {} ({})", library,
                slot != null ? "slot " + slot : "slot list index " + slotListIndex);
    }

    @Override
    public boolean create(long roundId, Purpose purpose, KeysetHandle keyset) {
        if (exists(roundId, purpose)) {
            return false;
        }
        var label = "delaktig-round-" + roundId + "-" + purpose.name().toLowerCase(Locale.ROOT) + "-"
                + HexFormat.of().formatHex(randomBytes(6));
        byte[] wrapped;
        try {
            var generator = KeyGenerator.getInstance("AES", provider);
            generator.init(256);
            synchronized (token) {
                // Stores a token (persistent) copy of the generated session key under the label.
                token.setEntry(label, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
            }
            wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, new TokenAead(tokenKey(label).orElseThrow()),
                    RoundKeys.associated(roundId, purpose));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create the " + purpose + " key of round " + roundId + " in the HSM", e);
        }
        var inserted = jdbc.sql("""
                        insert into round_key_hsm (round_id, purpose, key_label, wrapped_keyset) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(roundId, purpose.name(), label, wrapped).update() == 1;
        if (!inserted) {
            deleteObject(label);
        }
        return inserted;
    }

    @Override
    public Optional<KeysetHandle> find(long roundId, Purpose purpose) {
        var row = jdbc.sql("select key_label, wrapped_keyset from round_key_hsm where round_id = ? and purpose = ?")
                .params(roundId, purpose.name())
                .query((rs, n) -> new Wrapped(rs.getString(1), rs.getBytes(2))).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var key = tokenKey(row.get().label());
        if (key.isEmpty()) {
            // The object is gone (destroyed by a node that has not yet deleted the row): so is the key.
            return Optional.empty();
        }
        try {
            return Optional.of(TinkProtoKeysetFormat.parseEncryptedKeyset(row.get().keyset(), new TokenAead(key.get()),
                    RoundKeys.associated(roundId, purpose)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The " + purpose + " key of round " + roundId + " cannot be unwrapped by the HSM", e);
        }
    }

    @Override
    public boolean exists(long roundId, Purpose purpose) {
        return jdbc.sql("select count(*) from round_key_hsm where round_id = ? and purpose = ?")
                .params(roundId, purpose.name()).query(Integer.class).single() > 0;
    }

    @Override
    public boolean destroy(long roundId, Purpose purpose) {
        var label = jdbc.sql("select key_label from round_key_hsm where round_id = ? and purpose = ?")
                .params(roundId, purpose.name()).query(String.class).optional();
        if (label.isEmpty()) {
            return false;
        }
        // The object first: if the transaction that deletes the row rolls back, the key is gone all the
        // same, which errs on the side of the child.
        deleteObject(label.get());
        jdbc.sql("delete from round_key_hsm where round_id = ? and purpose = ?").params(roundId, purpose.name()).update();
        return true;
    }

    /** Whether the token holds an object with this label (reads the token afresh: another node may have changed it). */
    boolean holds(String label) {
        synchronized (token) {
            try {
                token.load(null, pin);
                return token.containsAlias(label);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Could not read the PKCS#11 token", e);
            }
        }
    }

    /** The label of a round's key object, as kept in {@code round_key_hsm}. */
    Optional<String> label(long roundId, Purpose purpose) {
        return jdbc.sql("select key_label from round_key_hsm where round_id = ? and purpose = ?")
                .params(roundId, purpose.name()).query(String.class).optional();
    }

    private Optional<SecretKey> tokenKey(String label) {
        synchronized (token) {
            try {
                var key = token.getKey(label, null);
                if (key == null) {
                    // SunPKCS11 maps the labels when the key store is loaded; another node may have added one since.
                    token.load(null, pin);
                    key = token.getKey(label, null);
                }
                return Optional.ofNullable((SecretKey) key);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Could not read the key " + label + " from the PKCS#11 token", e);
            }
        }
    }

    private void deleteObject(String label) {
        synchronized (token) {
            try {
                if (!token.containsAlias(label)) {
                    token.load(null, pin);
                }
                if (token.containsAlias(label)) {
                    token.deleteEntry(label);
                }
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Could not destroy the key " + label + " in the PKCS#11 token", e);
            }
        }
    }

    private byte[] randomBytes(int n) {
        var bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private record Wrapped(String label, byte[] keyset) {
    }

    /** AES-GCM computed inside the token; the key never leaves it. Output: IV, then ciphertext and tag. */
    private final class TokenAead implements Aead {
        private final SecretKey key;

        TokenAead(SecretKey key) {
            this.key = key;
        }

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            var iv = randomBytes(IV_BYTES);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            var sealed = cipher.doFinal(plaintext);
            var out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            if (ciphertext.length < IV_BYTES + TAG_BITS / 8) {
                throw new GeneralSecurityException("ciphertext too short");
            }
            var cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
        }
    }
}
