package se.delaktig.round;

import java.util.List;

/**
 * A round with its participants, read once for a page, so that every part of the checklist counts
 * from the same list and the list is read (and its read audited) once.
 */
public record RoundSnapshot(Round round, List<Participant> participants) {

    public RoundSnapshot {
        participants = List.copyOf(participants);
    }

    public long id() {
        return round.id();
    }
}
