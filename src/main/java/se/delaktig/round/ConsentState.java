package se.delaktig.round;

/**
 * Where a child's consent stands in its history: invited → answered → consented, declined or
 * withdrawn. {@link ConsentStatus} is the coarser view other modules use.
 */
public enum ConsentState {
    /** Invited; nobody has answered yet. */
    INVITED,
    /** Some answers are in, but not all that the rule needs. */
    ANSWERED,
    CONSENTED,
    DECLINED,
    /** Consent was withdrawn; the child's answers are removed from the round. Final. */
    WITHDRAWN;

    public ConsentStatus status() {
        return switch (this) {
            case INVITED, ANSWERED -> ConsentStatus.PENDING;
            case CONSENTED -> ConsentStatus.CONSENTED;
            case DECLINED -> ConsentStatus.DECLINED;
            case WITHDRAWN -> ConsentStatus.WITHDRAWN;
        };
    }

    /** The rule (see {@link ConsentRule}) applied to a history, oldest event first. */
    public static ConsentState of(int age, int ownConsentAge, int guardians, java.util.List<ConsentEvent> history) {
        return ConsentRule.state(age, ownConsentAge, guardians, history);
    }
}
