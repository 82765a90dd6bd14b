package se.delaktig.analysis;

import java.util.Locale;

/**
 * Small numbers as words, the way committee memos write counts: "fem av åtta barn". Memos spell out
 * one to twelve and use digits above, so this does the same. Swedish "ett" (not "en") because the
 * counted noun is always "barn", which is neuter.
 */
public final class NumberWords {

    private static final String[] SWEDISH = {"noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio",
            "tio", "elva", "tolv"};
    private static final String[] ENGLISH = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve"};

    /** The largest number written as a word. */
    public static final int LARGEST_WORD = 12;

    private NumberWords() {
    }

    /** "åtta" / "eight" for 0–12, digits for anything else. */
    public static String of(int n, Locale locale) {
        if (n < 0 || n > LARGEST_WORD) {
            return Integer.toString(n);
        }
        return isEnglish(locale) ? ENGLISH[n] : SWEDISH[n];
    }

    /** As {@link #of}, with a capital first letter, to begin a sentence. */
    public static String capitalized(int n, Locale locale) {
        return capitalize(of(n, locale));
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
