package se.delaktig.decision;

/** What was decided about a proposal. A rejected or postponed proposal needs a reason. */
public enum Outcome {
    /** Bifallet. */
    APPROVED,
    /** Avslaget. */
    REJECTED,
    /** Bordlagt. */
    POSTPONED;

    public boolean needsReason() {
        return this != APPROVED;
    }

    public String messageKey() {
        return "decision.outcome." + name();
    }
}
