package se.delaktig.round;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The interview's time and place, as the child chose them. Times are local to Sweden
 * ({@link Bookings#ZONE}). The place is decrypted: show it only to the process lead and the
 * assigned interviewer, who are the only ones {@link Bookings} hands it to.
 */
public record Booking(long participantId, long roundId, String roundTitle, long unitId, String pseudonym,
                      LocalDateTime startsAt, LocalDateTime endsAt, String place, Long interviewerId,
                      String interviewerName, int sequence, Instant updatedAt, Instant remindedAt) {

    /** Whether the interviewer has been sent an e-mail reminder for this time. */
    public boolean reminded() {
        return remindedAt != null;
    }

    /** Whether the interview lies (partly) on a weekday during school hours: a warning, not a refusal. */
    public boolean duringSchoolHours() {
        return Bookings.duringSchoolHours(startsAt, endsAt);
    }

    /** Whether the booked time has begun. */
    public boolean hasStarted(Instant now) {
        return !startsAt.atZone(Bookings.ZONE).toInstant().isAfter(now);
    }
}
