package se.delaktig.organization;

/**
 * A municipality. {@code ownConsentAge}: from this age a young person's own consent to an interview
 * is enough; younger children also need their guardians' consent (15 unless the municipality decides
 * otherwise). {@code textRetentionMonths}: how many months after a round is closed its raw free text
 * is kept before it is shredded (12 unless the municipality decides otherwise).
 */
public record Municipality(long id, String name, Long regionId, int suppressionThreshold, int ownConsentAge,
                           int textRetentionMonths) {

    public static final int DEFAULT_OWN_CONSENT_AGE = 15;
    public static final int MIN_OWN_CONSENT_AGE = 12;
    public static final int MAX_OWN_CONSENT_AGE = 18;

    public static final int DEFAULT_TEXT_RETENTION_MONTHS = 12;
    public static final int MIN_TEXT_RETENTION_MONTHS = 1;
    public static final int MAX_TEXT_RETENTION_MONTHS = 120;

    /** A municipality as before the retention rule existed: the default retention. */
    public Municipality(long id, String name, Long regionId, int suppressionThreshold, int ownConsentAge) {
        this(id, name, regionId, suppressionThreshold, ownConsentAge, DEFAULT_TEXT_RETENTION_MONTHS);
    }
}
