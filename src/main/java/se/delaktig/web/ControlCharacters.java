package se.delaktig.web;

/**
 * The characters no text in Delaktig may hold: the C0 controls except tab, line feed and carriage
 * return, DEL, and the C1 controls. A NUL byte cannot be stored in PostgreSQL text at all; the others
 * are invisible, and in a memo or a letter they are only ever damage.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static boolean isRefused(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f;
    }

    public static boolean containsAny(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isRefused(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text without them: what the person meant to send. */
    public static String strip(String text) {
        if (!containsAny(text)) {
            return text;
        }
        var out = new StringBuilder(text.length());
        text.chars().filter(c -> !isRefused(c)).forEach(c -> out.append((char) c));
        return out.toString();
    }
}
