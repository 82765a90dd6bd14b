package se.delaktig.organization;

/**
 * A staff member's password was changed or their account was disabled: whatever they were signed in
 * with before (sessions, API tokens) must stop working. Published inside the changing transaction.
 *
 * @param reason {@code PASSWORD_CHANGED}, {@code DISABLED} or {@code ADMINISTRATOR_REMOVED} (a session keeps the
 *               rights it was given at login, so it must end when the administrator right goes)
 */
public record StaffCredentialsChanged(long staffId, String username, String reason) {

    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    public static final String DISABLED = "DISABLED";
    public static final String ADMINISTRATOR_REMOVED = "ADMINISTRATOR_REMOVED";
}
