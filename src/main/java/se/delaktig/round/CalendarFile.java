package se.delaktig.round;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a calendar file (iCalendar, RFC 5545) with one event.
 *
 * <p>Hand-written rather than ical4j: the file holds one event with seven properties, and ical4j
 * would bring a dozen transitive jars (and its own time-zone database) into a privacy-sensitive
 * application for that. What RFC 5545 asks of a writer is small and tested here: CRLF line ends,
 * lines folded at 75 octets without splitting a UTF-8 character (section 3.1), TEXT values with
 * backslash, semicolon, comma and newline escaped (3.3.11), and times in UTC ("Z" form, 3.3.5),
 * which every calendar shows in the reader's own zone, so no VTIMEZONE is needed.
 */
final class CalendarFile {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;
    private static final String CRLF = "\r\n";

    private CalendarFile() {
    }

    /** One event, e.g. summary "Intervju B03" and the place the child chose as location. */
    static String event(String uid, int sequence, Instant stamp, Instant start, Instant end, String summary,
                        String location) {
        var out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Delaktig//Bokning//SV");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + text(uid));
        line(out, "SEQUENCE:" + sequence);
        line(out, "DTSTAMP:" + UTC.format(stamp));
        line(out, "DTSTART:" + UTC.format(start));
        line(out, "DTEND:" + UTC.format(end));
        line(out, "SUMMARY:" + text(summary));
        if (location != null && !location.isBlank()) {
            line(out, "LOCATION:" + text(location));
        }
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** Escapes a TEXT value (RFC 5545, 3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line, folded so that no physical line exceeds 75 octets (RFC 5545, 3.1). */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int width = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + width > MAX_OCTETS) {
                out.append(CRLF).append(' ');
                // The leading space of a continuation line counts towards its 75 octets.
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += width;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }
}
