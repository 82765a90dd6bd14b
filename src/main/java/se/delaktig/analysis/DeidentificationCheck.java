package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.NamePatterns;

/**
 * The de-identification check itself, free of the database: given the first names of the round's
 * key list, the names of the municipality's staff and its place list, it finds everything in a text
 * that could identify someone. Names and places match as whole words, in any case, also in the
 * genitive ("Annas", "Ekbackaskolans"); a place of several words matches with any spacing.
 *
 * <p>When two findings overlap, the longer one is kept ("Anna Lindhs skola" as a place rather than
 * "Anna" as a name); of two as long, the kind that comes first in {@link Finding.Kind}.
 */
public final class DeidentificationCheck {

    private static final String SEP = "[ \\u00a0\\-\\u2010\\u2011\\u2012\\u2013]";
    /**
     * A Swedish phone number: a trunk prefix (0, +46, 0046, "(08)") and then digits with single
     * spaces or dashes between them. How many digits it has is checked afterwards.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}+])(?:(?:\\+|00)46" + SEP + "?(?:\\(0\\)" + SEP + "?)?|\\(0(?=\\d{1,3}\\))|0)"
                    + "\\d(?:\\)?" + SEP + "?\\d)*");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,}"
                    + "(?![\\p{L}\\p{N}])");
    /** A Swedish national significant number (without the trunk 0) has seven to nine digits. */
    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 9;

    private final Pattern firstNames;
    private final Pattern staffNames;
    private final Pattern places;

    public DeidentificationCheck(Collection<String> firstNames, Collection<String> staffNames, Collection<String> places) {
        this.firstNames = words(nameParts(firstNames));
        this.staffNames = words(nameParts(staffNames));
        this.places = words(cleaned(places));
    }

    /** Everything found in the text, in the order it stands, none overlapping. */
    public List<Finding> findings(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        var all = new ArrayList<Finding>();
        for (var span : IdentityNumbers.find(text)) {
            all.add(new Finding(span.start(), span.end(), Finding.Kind.IDENTITY_NUMBER, text.substring(span.start(), span.end())));
        }
        phones(text, all);
        collect(EMAIL, text, Finding.Kind.EMAIL, all);
        collect(firstNames, text, Finding.Kind.FIRST_NAME, all);
        collect(staffNames, text, Finding.Kind.STAFF_NAME, all);
        collect(places, text, Finding.Kind.PLACE, all);
        all.sort(Comparator.comparingInt(Finding::length).reversed().thenComparing(Finding::kind));
        var kept = new ArrayList<Finding>();
        for (var finding : all) {
            if (kept.stream().noneMatch(k -> k.start() < finding.end() && finding.start() < k.end())) {
                kept.add(finding);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(kept);
    }

    /** The text with one finding replaced by its neutral placeholder. */
    public static String replace(String text, Finding finding) {
        return text.substring(0, finding.start()) + finding.placeholder() + text.substring(finding.end());
    }

    // -------------------------------------------------------------------------------------------

    private static void collect(Pattern pattern, String text, Finding.Kind kind, List<Finding> into) {
        if (pattern == null) {
            return;
        }
        var matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(new Finding(matcher.start(), matcher.end(), kind, matcher.group()));
        }
    }

    private static void phones(String text, List<Finding> into) {
        Matcher matcher = PHONE.matcher(text);
        while (matcher.find()) {
            var candidate = matcher.group();
            // Shorten from the end, one group at a time, while there are too many digits: the
            // number may be followed by another number ("070-123 45 67 2 gånger").
            var end = candidate.length();
            while (end > 0) {
                var digits = significantDigits(candidate.substring(0, end));
                if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
                    into.add(new Finding(matcher.start(), matcher.start() + end, Finding.Kind.PHONE,
                            text.substring(matcher.start(), matcher.start() + end)));
                    break;
                }
                if (digits < MIN_DIGITS) {
                    break;
                }
                var cut = lastSeparator(candidate, end);
                if (cut < 0) {
                    break;
                }
                end = cut;
            }
        }
    }

    private static int lastSeparator(String candidate, int end) {
        for (int i = end - 1; i > 0; i--) {
            if (!Character.isDigit(candidate.charAt(i))) {
                // Drop the separator too, and any bracket before it.
                var cut = i;
                while (cut > 0 && !Character.isDigit(candidate.charAt(cut - 1))) {
                    cut--;
                }
                return cut;
            }
        }
        return -1;
    }

    /** Digits of the national number: without the country code 46 and without the trunk 0. */
    private static int significantDigits(String number) {
        var digits = number.replaceAll("\\D", "");
        if (number.startsWith("+46")) {
            digits = digits.substring(2);
        } else if (number.startsWith("0046")) {
            digits = digits.substring(4);
        }
        if (digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        return digits.length();
    }

    /** Each name as a whole, and each of its parts: "Anna-Karin Berg" gives it, "Anna", "Karin" and "Berg". */
    static Set<String> nameParts(Collection<String> names) {
        return NamePatterns.nameParts(names);
    }

    private static Set<String> cleaned(Collection<String> names) {
        return NamePatterns.cleaned(names);
    }

    private static Pattern words(Set<String> words) {
        return NamePatterns.words(words);
    }
}
