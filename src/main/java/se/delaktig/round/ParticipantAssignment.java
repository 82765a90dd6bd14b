package se.delaktig.round;

/**
 * Who interviews a child, and the two facts an interview page shows about the child: what the
 * interview module needs for its access check on every read and save, without the consent history,
 * case workers and audit entry of a full {@link Participant} read.
 */
public record ParticipantAssignment(long participantId, long roundId, String pseudonym, int age, Long interviewerId) {

    public boolean assignedTo(long staffId) {
        return interviewerId != null && interviewerId == staffId;
    }
}
