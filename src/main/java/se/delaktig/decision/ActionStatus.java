package se.delaktig.decision;

/** How far an action has come. A done or cancelled action is never overdue. */
public enum ActionStatus {
    PLANNED, IN_PROGRESS, DONE, CANCELLED;

    public boolean open() {
        return this == PLANNED || this == IN_PROGRESS;
    }

    public String messageKey() {
        return "decision.action.status." + name();
    }
}
