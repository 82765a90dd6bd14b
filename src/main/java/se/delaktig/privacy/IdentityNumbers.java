package se.delaktig.privacy;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in free text, however they are written: with or without century,
 * with any separator or none, in pairs ("19 12 12 12 12 12"), with dots or slashes between the
 * groups, with no-break, thin or zero-width spaces anywhere, and in full-width or other Unicode
 * digits. A candidate must still be a real date and pass the Luhn check, so ordinary numbers
 * (amounts, years, counts, dates) are not mistaken for one; a phone number that happens to be a valid
 * identity number is refused too, which errs on the side of storing less.
 *
 * <p>How the text is read: each character is normalised on its own (Unicode NFKC, so "１" and "𝟏"
 * are digits). Invisible characters (format characters such as zero-width spaces and soft hyphens,
 * and combining marks) are skipped. Digits that touch form a group; groups separated only by spaces
 * of any kind and at most two dashes, dots, slashes or plus signs form a chain. A line break, a
 * letter or any other character ends a chain. Every run of whole groups in a chain that holds ten or
 * twelve digits is a candidate, so neither a digit group before the number nor one after it hides it.
 */
public final class IdentityNumbers {

    /** Dashes, dots, slashes and plus signs that may stand between the digit groups of one number. */
    private static final String MARKS = "-+./\\\u2212\u2043\u02d7\u2796\u2795\u00b7\u2022\u2027\u2215\u3002\u30fb";
    /** How many such marks may stand between two groups ("12 - 12" has one, "12.-12" two). */
    private static final int MAX_MARKS = 2;

    private IdentityNumbers() {
    }

    /** Where an identity number stands in a text: character offsets, {@code end} exclusive. */
    public record Span(int start, int end) {
    }

    /** The numbers found by any check on this thread while {@link #foundDuring} runs, as ten digits each. */
    private static final ThreadLocal<Set<String>> WITNESS = new ThreadLocal<>();

    public static boolean containsIdentityNumber(String text) {
        return !find(text).isEmpty();
    }

    /**
     * Every identity or coordination number in the text as its ten digits (YYMMDDNNNN), however it is
     * written: two writings of the same number give the same string.
     */
    public static Set<String> numbersIn(String text) {
        var numbers = new LinkedHashSet<String>();
        if (text != null && !text.isEmpty()) {
            for (var chain : chains(text)) {
                candidates(chain, new ArrayList<>(), numbers);
            }
        }
        return numbers;
    }

    /**
     * Runs the work and returns the numbers (as ten digits) that any check on this thread found
     * meanwhile. The web layer uses it to tell whether a form's own check saw a number, so that it can
     * show the form's own error rather than its general one.
     */
    public static Set<String> foundDuring(Runnable work) {
        var outer = WITNESS.get();
        var seen = new LinkedHashSet<String>();
        WITNESS.set(seen);
        try {
            work.run();
        } finally {
            if (outer == null) {
                WITNESS.remove();
            } else {
                WITNESS.set(outer);
                outer.addAll(seen);
            }
        }
        return seen;
    }

    /** Every identity or coordination number in the text, in order, none overlapping, with its offsets. */
    public static List<Span> find(String text) {
        var found = new ArrayList<Span>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        var numbers = new LinkedHashSet<String>();
        for (var chain : chains(text)) {
            candidates(chain, found, numbers);
        }
        var witness = WITNESS.get();
        if (witness != null) {
            witness.addAll(numbers);
        }
        found.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        var kept = new ArrayList<Span>();
        for (var span : found) {
            if (kept.isEmpty() || kept.get(kept.size() - 1).end() <= span.start()) {
                kept.add(span);
            }
        }
        return kept;
    }

    // -------------------------------------------------------------------------------------------

    /** One digit as read, with the offsets of the character it came from. */
    private record Digit(int value, int start, int end) {
    }

    /** Digits that touch each other. */
    private record Group(List<Digit> digits) {
    }

    private static List<List<Group>> chains(String text) {
        var chains = new ArrayList<List<Group>>();
        var chain = new ArrayList<Group>();
        var group = new ArrayList<Digit>();
        int marks = 0;
        boolean gap = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int length = Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                // Invisible: a zero-width space between two digits does not separate them.
                i += length;
                continue;
            }
            var normal = cp < 0x80 ? String.valueOf((char) cp)
                    : Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            if (isDigits(normal)) {
                if (gap) {
                    chain.add(new Group(group));
                    group = new ArrayList<>();
                    gap = false;
                    marks = 0;
                }
                for (int k = 0; k < normal.length(); k++) {
                    group.add(new Digit(Character.digit(normal.charAt(k), 10), i, i + length));
                }
            } else if (!group.isEmpty() && isSpace(cp, normal)) {
                gap = true;
            } else if (!group.isEmpty() && isMark(cp, normal) && marks < MAX_MARKS) {
                gap = true;
                marks++;
            } else {
                // Anything else ends the chain: a letter, a comma, a line break, a third mark.
                if (!group.isEmpty()) {
                    chain.add(new Group(group));
                    chains.add(chain);
                }
                chain = new ArrayList<>();
                group = new ArrayList<>();
                gap = false;
                marks = 0;
            }
            i += length;
        }
        if (!group.isEmpty()) {
            chain.add(new Group(group));
            chains.add(chain);
        }
        return chains;
    }

    private static boolean isDigits(String normal) {
        if (normal.isEmpty()) {
            return false;
        }
        for (int k = 0; k < normal.length(); k++) {
            if (Character.digit(normal.charAt(k), 10) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(int cp, String normal) {
        if (cp == '\n' || cp == '\r' || cp == '\u2028' || cp == '\u2029' || cp == '\u000b' || cp == '\u000c'
                || cp == '\u0085') {
            return false;
        }
        return Character.isSpaceChar(cp) || Character.isWhitespace(cp) || normal.isBlank();
    }

    private static boolean isMark(int cp, String normal) {
        return Character.getType(cp) == Character.DASH_PUNCTUATION
                || (normal.length() == 1 && MARKS.indexOf(normal.charAt(0)) >= 0)
                || MARKS.indexOf(cp) >= 0;
    }

    /** Every run of whole groups with ten or twelve digits that is a real date with a valid check digit. */
    private static void candidates(List<Group> chain, List<Span> into, Set<String> numbers) {
        for (int first = 0; first < chain.size(); first++) {
            var digits = new ArrayList<Digit>();
            for (int last = first; last < chain.size() && digits.size() <= 12; last++) {
                digits.addAll(chain.get(last).digits());
                if (digits.size() == 10 || digits.size() == 12) {
                    var number = identityNumber(digits);
                    if (number != null) {
                        into.add(new Span(digits.get(0).start(), digits.get(digits.size() - 1).end()));
                        numbers.add(number);
                    }
                }
            }
        }
    }

    /** The number's ten digits if these digits are a valid identity number, else null. */
    private static String identityNumber(List<Digit> digits) {
        var number = new StringBuilder();
        digits.forEach(d -> number.append((char) ('0' + d.value())));
        String century = null;
        if (number.length() == 12) {
            century = number.substring(0, 2);
            if (!century.equals("18") && !century.equals("19") && !century.equals("20")) {
                return null;
            }
            number.delete(0, 2);
        }
        var ten = number.toString();
        var month = Integer.parseInt(ten.substring(2, 4));
        var day = Integer.parseInt(ten.substring(4, 6));
        return plausibleDate(century, ten.substring(0, 2), month, day) && luhnValid(ten) ? ten : null;
    }

    private static boolean plausibleDate(String century, String yy, int month, int day) {
        var realDay = day > 60 ? day - 60 : day;
        if (century != null) {
            var year = Integer.parseInt(century + yy);
            // Nobody is born in a later year: "2031-05-12 10.30" is a meeting, not a person.
            return year <= Year.now().getValue() && isDate(year, month, realDay);
        }
        // Without a century the number may be of this century or the last (or, with "+", older still).
        var year = Integer.parseInt("20" + yy);
        return isDate(year, month, realDay) || isDate(year - 100, month, realDay);
    }

    private static boolean isDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean luhnValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < tenDigits.length(); i++) {
            int digit = tenDigits.charAt(i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
