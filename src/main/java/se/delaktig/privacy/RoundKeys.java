package se.delaktig.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-round envelope encryption of free text and the key list. Each ciphertext is bound to the
 * place it belongs (the {@code context}, e.g. {@code "answer:12:34:words"}), so a ciphertext copied
 * into another row does not decrypt.
 */
@Service
public class RoundKeys {

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final Map<Long, Aead> cache = new ConcurrentHashMap<>();

    RoundKeys(JdbcClient jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    /** Thrown when a round's key has been destroyed, so its text can never be read again. */
    public static class KeyDestroyedException extends RuntimeException {
        public KeyDestroyedException(long roundId) {
            super("The data key of round " + roundId + " has been destroyed");
        }
    }

    public void createKey(long roundId) {
        try {
            var handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            var wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, masterKey.aead(), associated(roundId));
            jdbc.sql("insert into round_key (round_id, wrapped_keyset) values (?, ?)")
                    .params(roundId, wrapped).update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create the data key of round " + roundId, e);
        }
    }

    public boolean hasKey(long roundId) {
        return jdbc.sql("select count(*) from round_key where round_id = ?").param(roundId)
                .query(Integer.class).single() > 0;
    }

    /** Crypto-shredding: after this, no ciphertext of the round can be decrypted, anywhere. */
    public void destroyKey(long roundId) {
        jdbc.sql("delete from round_key where round_id = ?").param(roundId).update();
        cache.remove(roundId);
    }

    /** Encrypts text; {@code null} or blank text is stored as {@code null}. */
    public byte[] encrypt(long roundId, String plaintext, String context) {
        if (plaintext == null || plaintext.isBlank()) {
            return null;
        }
        try {
            return aead(roundId).encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt " + context, e);
        }
    }

    public String decrypt(long roundId, byte[] ciphertext, String context) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return new String(aead(roundId).decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt " + context, e);
        }
    }

    private Aead aead(long roundId) {
        var cached = cache.get(roundId);
        if (cached != null) {
            return cached;
        }
        var wrapped = jdbc.sql("select wrapped_keyset from round_key where round_id = ?").param(roundId)
                .query(byte[].class).optional()
                .orElseThrow(() -> new KeyDestroyedException(roundId));
        try {
            var aead = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey.aead(), associated(roundId))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            cache.put(roundId, aead);
            return aead;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data key of round " + roundId
                    + " cannot be unwrapped: is DELAKTIG_MASTER_KEY the key this database was created with?", e);
        }
    }

    private static byte[] associated(long roundId) {
        return ByteBuffer.allocate(Long.BYTES + 6).put("round:".getBytes(StandardCharsets.US_ASCII)).putLong(roundId).array();
    }
}
