package se.delaktig.organization;

import java.time.Instant;

public record StaffMember(long id, String username, String displayName, String title, String email,
                          boolean administrator, boolean enabled, int failedLogins, Instant lockedUntil) {
}
