package se.delaktig.organization;

/**
 * A staff member's password was changed or their account was disabled: whatever they were signed in
 * with before (sessions, API tokens) must stop working. Published inside the changing transaction.
 *
 * @param reason {@code PASSWORD_CHANGED} or {@code DISABLED}
 */
public record StaffCredentialsChanged(long staffId, String username, String reason) {

    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    public static final String DISABLED = "DISABLED";
}
