package se.delaktig.round;

import java.time.Instant;
import java.time.LocalDate;

import se.delaktig.audit.AuditLog;

/**
 * That a round is closed: when and by whom, how many months its raw free text is kept after that
 * (the municipality's rule as it stands now), and when the free text was shredded, if it has been.
 * Closing destroyed the key list; shredding destroys the free text.
 */
public record RoundClosure(long roundId, Instant closedAt, String closedBy, int retentionMonths, Instant textShreddedAt) {

    /** The day the round was closed, in Swedish time. */
    public LocalDate closedOn() {
        return closedAt.atZone(AuditLog.ZONE).toLocalDate();
    }

    /** The day the free text is (or was) due to be shredded: closing day plus the retention period. */
    public LocalDate textShredDue() {
        return closedAt.atZone(AuditLog.ZONE).plusMonths(retentionMonths).toLocalDate();
    }

    public boolean textShredded() {
        return textShreddedAt != null;
    }

    /** The day the free text was shredded, or null. */
    public LocalDate textShreddedOn() {
        return textShreddedAt == null ? null : textShreddedAt.atZone(AuditLog.ZONE).toLocalDate();
    }
}
