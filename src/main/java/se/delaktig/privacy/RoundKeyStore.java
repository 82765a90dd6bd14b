package se.delaktig.privacy;

import java.util.Optional;

import com.google.crypto.tink.KeysetHandle;
import se.delaktig.privacy.RoundKeys.Purpose;

/**
 * Where the rounds' data keys live. Never PostgreSQL: a deleted row stays readable in the WAL, in
 * table files and in every copy of them, so a key "destroyed" there is not destroyed at all. A key
 * store keeps each data key (or the key that wraps it) where deleting really deletes:
 * <ul>
 *   <li>{@link LocalRoundKeyStore}, the default: one file per key in a directory outside the
 *       PostgreSQL data directory, wrapped by the master key, overwritten and deleted on destruction;</li>
 *   <li>{@link Pkcs11RoundKeyStore}, for production and several web nodes: one non-extractable AES key
 *       per round and purpose in a hardware security module, destroyed with {@code C_DestroyObject}.</li>
 * </ul>
 * Implementations are safe for concurrent use. {@link #exists} is called once per key and database
 * transaction (see {@link RoundKeys}), so it must be cheap.
 */
interface RoundKeyStore {

    /** Stores a new key unless the round already has one for this purpose; returns whether it stored it. */
    boolean create(long roundId, Purpose purpose, KeysetHandle keyset);

    /** The key, or empty when it was never created or has been destroyed. */
    Optional<KeysetHandle> find(long roundId, Purpose purpose);

    /** Whether the key still exists; the per-transaction check, so it must be cheap. */
    boolean exists(long roundId, Purpose purpose);

    /** Destroys the key for good; returns whether there was one. */
    boolean destroy(long roundId, Purpose purpose);
}
