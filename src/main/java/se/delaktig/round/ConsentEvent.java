package se.delaktig.round;

import java.time.Instant;

/**
 * One step in a child's consent history: the invitation, an answer (yes or no) from the child or a
 * guardian, or a withdrawal. {@code reason} is the decrypted reason of a no or a withdrawal, or null.
 */
public record ConsentEvent(long id, long participantId, Kind kind, ConsentParty party, ChildAnswer answer,
                           String reason, String recordedBy, Instant recordedAt) {

    public enum Kind { INVITED, ANSWER, WITHDRAWAL }
}
