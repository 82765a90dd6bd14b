package se.delaktig.round;

/** Where a participant's consent stands, derived from the child's and the guardians' answers. */
public enum ConsentStatus {
    /** Invited, but the answers needed are not all in. */
    PENDING,
    /** May be interviewed. */
    CONSENTED,
    /** The child or (under 15) the guardians said no. */
    DECLINED;

    /** From 15 the young person's own consent is enough; under 15 the guardians must consent too. */
    public static final int AGE_OF_OWN_CONSENT = 15;

    static ConsentStatus of(int age, ChildAnswer child, GuardianAnswer guardians) {
        if (child == ChildAnswer.NO || (age < AGE_OF_OWN_CONSENT && guardians == GuardianAnswer.DECLINED)) {
            return DECLINED;
        }
        if (child == ChildAnswer.YES && (age >= AGE_OF_OWN_CONSENT || guardians == GuardianAnswer.CONSENTED)) {
            return CONSENTED;
        }
        return PENDING;
    }
}
