package se.delaktig.web;

/**
 * Input that breaks a domain rule, with the message key (and arguments) that tells the person what
 * is wrong and how to fix it. Pages usually catch it and put the message next to the field; the API
 * turns it into a 400 problem detail.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String messageKey;
    private final transient Object[] args;

    public InvalidInputException(String field, String messageKey, Object... args) {
        super(messageKey, null, false, false);
        this.field = field;
        this.messageKey = messageKey;
        this.args = args;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
