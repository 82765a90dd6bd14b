package se.delaktig.decision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One decision on a proposal. {@code decidedBy} is the free-text name or title of whoever decided when
 * that is not the person who recorded it (for example the committee's chair); null otherwise.
 */
public record Decision(long id, long proposalId, long roundId, Outcome outcome, String reason, DecidingBody body,
                       LocalDate decidedOn, String decidedBy, long recordedById, String recordedByName,
                       Instant recordedAt) {

    /** Who decided, as a memo would name them. */
    public String decider() {
        return decidedBy != null ? decidedBy : recordedByName;
    }
}
