package se.delaktig.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.delaktig.platform.DiscardedWork;

/**
 * Per-round envelope encryption with two data keys per round, kept in the {@link RoundKeyStore}
 * (never in PostgreSQL, whose WAL and table files keep deleted rows):
 * <ul>
 *   <li>{@link Purpose#IDENTITY} for what names a child – the key list (first name, contact), booking
 *       places, notes on who knows the family. Destroyed when the round is closed.</li>
 *   <li>{@link Purpose#TEXT} for the free text – the children's words, notes, reflections, coded
 *       excerpts, consent reasons, seminar notes. Destroyed when the municipality's retention period
 *       after closing has passed.</li>
 * </ul>
 * Each ciphertext is bound to the place it belongs (the {@code context}, e.g.
 * {@code "answer:12:34:words"}), so a ciphertext copied into another row does not decrypt.
 *
 * <p><b>Several nodes.</b> Unwrapping a key is cached per node, but a cached key is never used on
 * trust: the first use of a key in each database transaction (and every use outside one) asks the key
 * store whether the key still exists, and a destroyed key ends in {@link KeyDestroyedException} and
 * evicts the cached key. So once a key is destroyed, no transaction that starts afterwards, on any
 * node, can decrypt with it; at most a transaction that had already checked the key goes on, as if it
 * had run a moment earlier. A time-to-live cache was rejected: it leaves a window of seconds in which
 * other nodes still decrypt, and a window cannot be proven shut by a test. The price is one existence
 * check per key and transaction (a file's metadata for the local store, a primary-key lookup for the
 * HSM store; a page that decrypts a hundred texts checks once), which is cheap next to the reads that
 * fetch the ciphertexts.
 */
@Service
public class RoundKeys {

    /** What a key encrypts; see the class comment. */
    public enum Purpose { TEXT, IDENTITY }

    private record Slot(long roundId, Purpose purpose) {
    }

    private final RoundKeyStore store;
    private final Map<Slot, Aead> cache = new ConcurrentHashMap<>();

    RoundKeys(RoundKeyStore store) {
        this.store = store;
        try {
            // Whichever key store is in use, the rounds' keysets are Tink AEAD keysets.
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD primitives are not available", e);
        }
    }

    /** Thrown when a round's key has been destroyed, so what it encrypted can never be read again. */
    public static class KeyDestroyedException extends RuntimeException {
        private final long roundId;
        private final Purpose purpose;

        public KeyDestroyedException(long roundId) {
            this(roundId, Purpose.TEXT);
        }

        public KeyDestroyedException(long roundId, Purpose purpose) {
            super("The " + purpose.name().toLowerCase() + " key of round " + roundId + " has been destroyed");
            this.roundId = roundId;
            this.purpose = purpose;
        }

        public long roundId() {
            return roundId;
        }

        public Purpose purpose() {
            return purpose;
        }
    }

    /** Creates both keys of a new round. */
    public void createKey(long roundId) {
        createKey(roundId, Purpose.TEXT);
        createKey(roundId, Purpose.IDENTITY);
    }

    /** Creates one key of a round; returns false (and changes nothing) if the round already has it. */
    public boolean createKey(long roundId, Purpose purpose) {
        if (store.exists(roundId, purpose)) {
            return false;
        }
        try {
            return store.create(roundId, purpose, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create the " + purpose + " key of round " + roundId, e);
        }
    }

    /** Whether the round's free-text key still exists. */
    public boolean hasKey(long roundId) {
        return hasKey(roundId, Purpose.TEXT);
    }

    public boolean hasKey(long roundId, Purpose purpose) {
        return store.exists(roundId, purpose);
    }

    /** Crypto-shredding of both keys: after this, no ciphertext of the round can be decrypted, anywhere. */
    public void destroyKey(long roundId) {
        destroyKey(roundId, Purpose.TEXT);
        destroyKey(roundId, Purpose.IDENTITY);
    }

    /**
     * Crypto-shredding of one key: nothing it encrypted can be decrypted again, on any node, from any
     * copy of the database. The key store destroys the key at once, not at commit: should the
     * surrounding transaction roll back, the key is gone all the same, which errs on the side of the
     * child. Returns whether there was a key to destroy.
     *
     * <p>Work that is only run to be thrown away ({@link DiscardedWork}: a request whose input held an
     * identity number) destroys nothing, because its rollback would leave a round that is not closed
     * but whose key is gone.
     */
    public boolean destroyKey(long roundId, Purpose purpose) {
        if (DiscardedWork.inProgress()) {
            return store.exists(roundId, purpose);
        }
        var slot = new Slot(roundId, purpose);
        var deleted = store.destroy(roundId, purpose);
        cache.remove(slot);
        verifiedInTransaction().ifPresent(set -> set.remove(slot));
        return deleted;
    }

    /** Encrypts free text with the round's TEXT key; {@code null} or blank text is stored as {@code null}. */
    public byte[] encrypt(long roundId, String plaintext, String context) {
        return encrypt(roundId, Purpose.TEXT, plaintext, context);
    }

    public String decrypt(long roundId, byte[] ciphertext, String context) {
        return decrypt(roundId, Purpose.TEXT, ciphertext, context);
    }

    /** Encrypts what names a child with the round's IDENTITY key; blank is stored as {@code null}. */
    public byte[] encryptIdentity(long roundId, String plaintext, String context) {
        return encrypt(roundId, Purpose.IDENTITY, plaintext, context);
    }

    public String decryptIdentity(long roundId, byte[] ciphertext, String context) {
        return decrypt(roundId, Purpose.IDENTITY, ciphertext, context);
    }

    public byte[] encrypt(long roundId, Purpose purpose, String plaintext, String context) {
        if (plaintext == null || plaintext.isBlank()) {
            return null;
        }
        try {
            return aead(new Slot(roundId, purpose))
                    .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt " + context, e);
        }
    }

    public String decrypt(long roundId, Purpose purpose, byte[] ciphertext, String context) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return new String(aead(new Slot(roundId, purpose)).decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt " + context, e);
        }
    }

    private Aead aead(Slot slot) {
        var verified = verifiedInTransaction();
        var cached = cache.get(slot);
        if (cached != null && verified.isPresent() && verified.get().contains(slot)) {
            return cached;
        }
        if (!store.exists(slot.roundId(), slot.purpose())) {
            cache.remove(slot);
            throw new KeyDestroyedException(slot.roundId(), slot.purpose());
        }
        var aead = cached != null ? cached : unwrap(slot);
        cache.put(slot, aead);
        verified.ifPresent(set -> set.add(slot));
        return aead;
    }

    private Aead unwrap(Slot slot) {
        var keyset = store.find(slot.roundId(), slot.purpose())
                .orElseThrow(() -> new KeyDestroyedException(slot.roundId(), slot.purpose()));
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The " + slot.purpose() + " key of round " + slot.roundId() + " is not an AEAD key", e);
        }
    }

    /** The keys this transaction has checked; empty outside a transaction (then every use reads it). */
    @SuppressWarnings("unchecked")
    private java.util.Optional<Set<Slot>> verifiedInTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return java.util.Optional.empty();
        }
        var set = (Set<Slot>) TransactionSynchronizationManager.getResource(this);
        if (set == null) {
            var created = new HashSet<Slot>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RoundKeys.this);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(RoundKeys.this, created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RoundKeys.this);
                }
            });
            set = created;
        }
        return java.util.Optional.of(set);
    }

    /** What a wrapped keyset is bound to, so a wrapped key copied to another round does not unwrap. */
    static byte[] associated(long roundId, Purpose purpose) {
        // "round:" for the text key keeps the keys wrapped before there were two purposes readable.
        var prefix = purpose == Purpose.TEXT ? "round:" : "ident:";
        return ByteBuffer.allocate(Long.BYTES + 6).put(prefix.getBytes(StandardCharsets.US_ASCII)).putLong(roundId).array();
    }
}
