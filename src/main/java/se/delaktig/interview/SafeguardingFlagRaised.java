package se.delaktig.interview;

/**
 * An interviewer has flagged that a child may need a report of concern (orosanmälan). Carries ids
 * only – never the note or anything about the child – so a listener that sends mail cannot leak it.
 */
public record SafeguardingFlagRaised(long flagId, long unitId, long roundId) {
}
