package se.delaktig.web;

/**
 * The person asked for something too often in a short time. Answered with 429 and a Retry-After
 * header: a problem detail under {@code /api}, an error page elsewhere, with the message in the
 * person's language.
 */
public class TooManyRequestsException extends RuntimeException {

    private final String messageKey;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String messageKey, long retryAfterSeconds) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String messageKey() {
        return messageKey;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
