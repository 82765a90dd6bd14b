package se.delaktig.decision;

import se.delaktig.web.InvalidInputException;

/**
 * A change made on an outdated copy: someone else saved in between. Nothing is overwritten; the person
 * is told to reload and look again. The API answers 409.
 */
public class StaleChangeException extends InvalidInputException {

    public StaleChangeException(String field, String messageKey) {
        super(field, messageKey);
    }
}
