package se.delaktig.round;

/**
 * Why a staff member may not interview a child (jäv): they are or have been the child's case
 * worker, or they know the family. Any conflict blocks the assignment.
 */
public enum Conflict {
    CURRENT_CASE_WORKER("participant.assign.currentCaseWorker"),
    FORMER_CASE_WORKER("participant.assign.formerCaseWorker"),
    KNOWS_FAMILY("assignment.knowsFamily");

    private final String messageKey;

    Conflict(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The message that says why, with the staff member's name as {0} and the pseudonym as {1}. */
    public String messageKey() {
        return messageKey;
    }
}
