package se.delaktig.round;

/**
 * A staff member marked as knowing the child's family, with the process lead's optional note
 * (decrypted; {@code null} when none was written).
 */
public record KnownBy(long staffId, String displayName, String note) {
}
