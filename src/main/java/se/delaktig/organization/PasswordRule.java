package se.delaktig.organization;

/**
 * The one rule a staff password must meet, wherever it is set: the first password, a temporary one
 * from an administrator, a person's own new one, the bootstrap administrator's. Length is what makes a
 * password hard to guess; a sentence of several words meets it and is easy to remember, so there are
 * no rules about character classes.
 */
public final class PasswordRule {

    /** The fewest characters a password may have. */
    public static final int MIN_LENGTH = 12;

    private PasswordRule() {
    }

    public static boolean accepts(String rawPassword) {
        return rawPassword != null && rawPassword.length() >= MIN_LENGTH;
    }
}
