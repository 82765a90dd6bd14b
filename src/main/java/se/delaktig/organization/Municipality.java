package se.delaktig.organization;

/**
 * A municipality. {@code ownConsentAge}: from this age a young person's own consent to an interview
 * is enough; younger children also need their guardians' consent (15 unless the municipality decides
 * otherwise).
 */
public record Municipality(long id, String name, Long regionId, int suppressionThreshold, int ownConsentAge) {

    public static final int DEFAULT_OWN_CONSENT_AGE = 15;
    public static final int MIN_OWN_CONSENT_AGE = 12;
    public static final int MAX_OWN_CONSENT_AGE = 18;
}
