package se.delaktig.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An action that follows from an approved proposal. {@code version} is sent back with a change, so a
 * change made on an outdated copy is refused instead of overwriting someone else's. {@code overdue}:
 * the deadline has passed and the action is neither done nor cancelled.
 */
public record Action(long id, long roundId, String roundTitle, long proposalId, int proposalRank, String proposalText,
                     String text, long ownerId, String ownerName, LocalDate deadline, ActionStatus status,
                     int version, boolean overdue, List<Note> notes) {

    /** One entry of the action's log of notes. */
    public record Note(long id, String text, String authorName, Instant createdAt) {
    }
}
