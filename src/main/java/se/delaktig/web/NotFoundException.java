package se.delaktig.web;

/**
 * A record that does not exist, or that the person asking may not see: the two must be
 * indistinguishable, so both are thrown as this and answered with the same 404.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("Not found", null, false, false);
    }
}
