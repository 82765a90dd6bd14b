package se.delaktig.organization.web;

import java.security.SecureRandom;

import se.delaktig.organization.PasswordRule;

/**
 * A temporary password that an administrator reads out or writes down: four groups of four from
 * letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i), about 79 bits of chance.
 */
final class TemporaryPassword {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPassword() {
    }

    static String generate() {
        var password = new StringBuilder();
        for (var i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        if (!PasswordRule.accepts(password.toString())) {
            throw new IllegalStateException("the temporary password is shorter than the password rule");
        }
        return password.toString();
    }
}
