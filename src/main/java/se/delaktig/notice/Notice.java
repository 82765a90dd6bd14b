package se.delaktig.notice;

import java.time.Instant;

/**
 * One notice as its receiver sees it.
 *
 * @param kind        what it is about; today always {@link #SAFEGUARDING}
 * @param interviewId the interview it came from, or null if that interview is gone
 * @param note        the interviewer's note; null when it can no longer be read (the round's key is destroyed)
 */
public record Notice(long id, String kind, long unitId, String roundTitle, String pseudonym, Long interviewId,
                     String raisedBy, Instant raisedAt, String note, String acknowledgedBy, Instant acknowledgedAt) {

    public static final String SAFEGUARDING = "SAFEGUARDING";

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
