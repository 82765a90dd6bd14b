package se.delaktig.round;

/** Where a participant's consent stands, derived from the latest events of its consent history. */
public enum ConsentStatus {
    /** Invited, but the answers needed are not all in. */
    PENDING,
    /** May be interviewed. */
    CONSENTED,
    /** The child or, when their consent is needed, a guardian said no. */
    DECLINED,
    /** Consent was withdrawn after it was given; the child's answers are no longer part of the round. */
    WITHDRAWN;

    /**
     * The default age from which a young person's own consent is enough; under it the guardians must
     * consent too. A municipality can choose another age (organization's Municipality.ownConsentAge).
     */
    public static final int AGE_OF_OWN_CONSENT = 15;
}
