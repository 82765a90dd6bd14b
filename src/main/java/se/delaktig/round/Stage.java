package se.delaktig.round;

/** The steps of the cycle, in order. A round stands at exactly one of them. */
public enum Stage {
    PLANNING, SELECTION, ASSIGNMENT, INTERVIEWS, REFLECTION, ANALYSIS, SEMINAR, REPORT, DECISIONS, FEEDBACK, CLOSED;

    public Stage next() {
        return this == CLOSED ? CLOSED : values()[ordinal() + 1];
    }

    public Stage previous() {
        return this == PLANNING ? PLANNING : values()[ordinal() - 1];
    }

    /** Whether {@code other} lies before this step. */
    public boolean isAfter(Stage other) {
        return ordinal() > other.ordinal();
    }

    /** The message key of the step's Swedish / English name. */
    public String messageKey() {
        return "stage." + name();
    }
}
