package se.delaktig.round;

/**
 * Published when a child's consent is withdrawn, inside the transaction that records it. The
 * interview module listens and removes the child's answers, so that the round module never has to
 * know about interviews.
 */
public record ConsentWithdrawn(long roundId, long participantId) {
}
