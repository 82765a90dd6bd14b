package se.delaktig.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises Swedish personal identity numbers (personnummer) and coordination numbers
 * (samordningsnummer, day + 60) in free text, with or without century and with any common
 * separator or none. A candidate must be a real date and pass the Luhn check, so ordinary numbers
 * such as amounts are not mistaken for one; phone numbers that happen to qualify are rejected too,
 * which errs on the side of storing less.
 */
public final class IdentityNumbers {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\d])(\\d{2})?(\\d{2})(\\d{2})(\\d{2})\\s?[-+\u2010\u2011\u2012\u2013\u2014]?\\s?(\\d{4})(?![\\d])");

    private IdentityNumbers() {
    }

    /** Where an identity number stands in a text: character offsets, {@code end} exclusive. */
    public record Span(int start, int end) {
    }

    public static boolean containsIdentityNumber(String text) {
        return !find(text).isEmpty();
    }

    /** Every identity or coordination number in the text, in order, with its offsets. */
    public static List<Span> find(String text) {
        var found = new ArrayList<Span>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        var matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            var century = matcher.group(1);
            var yy = matcher.group(2);
            var mm = Integer.parseInt(matcher.group(3));
            var dd = Integer.parseInt(matcher.group(4));
            var last = matcher.group(5);
            if (century != null && !century.equals("18") && !century.equals("19") && !century.equals("20")) {
                continue;
            }
            if (!plausibleDate(century, yy, mm, dd)) {
                continue;
            }
            if (luhnValid(yy + matcher.group(3) + matcher.group(4) + last)) {
                found.add(new Span(matcher.start(), matcher.end()));
            }
        }
        return found;
    }

    private static boolean plausibleDate(String century, String yy, int month, int day) {
        var realDay = day > 60 ? day - 60 : day;
        var year = Integer.parseInt((century == null ? "20" : century) + yy);
        try {
            LocalDate.of(year, month, realDay);
            return true;
        } catch (DateTimeException e) {
            // 29 February in a year we guessed wrongly: try the other century before giving up.
            try {
                LocalDate.of(year - 100, month, realDay);
                return true;
            } catch (DateTimeException again) {
                return false;
            }
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
