package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class CalendarFileTest {

    private static final Instant STAMP = Instant.parse("2026-02-01T09:00:00Z");

    @Test
    void theEventHasTheRequiredPropertiesInUtcWithCrlfLineEnds() {
        var ics = CalendarFile.event("delaktig-booking-7@delaktig", 2, STAMP, Instant.parse("2026-03-10T15:00:00Z"),
                Instant.parse("2026-03-10T16:00:00Z"), "Intervju B03", "Biblioteket");
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(ics.split("\r\n")).contains("BEGIN:VEVENT", "UID:delaktig-booking-7@delaktig", "SEQUENCE:2",
                "DTSTAMP:20260201T090000Z", "DTSTART:20260310T150000Z", "DTEND:20260310T160000Z",
                "SUMMARY:Intervju B03", "LOCATION:Biblioteket", "END:VEVENT");
    }

    @Test
    void textIsEscapedAsRfc5545Says() {
        assertThat(CalendarFile.text("Skolan, rum 3; vid \\ trappan\nandra våningen"))
                .isEqualTo("Skolan\\, rum 3\\; vid \\\\ trappan\\nandra våningen");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingCharacters() {
        var place = "Fritidsgården Älvängen, övre våningen, det lilla rummet bakom köket där det är tyst och lugnt ".repeat(3);
        var ics = CalendarFile.event("uid", 0, STAMP, STAMP, STAMP.plusSeconds(3600), "Intervju B01", place);
        for (var line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(line).doesNotContain("\uFFFD");
        }
        // Unfolding (RFC 5545, 3.1: remove CRLF followed by one space) gives back the whole property.
        var unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("LOCATION:" + CalendarFile.text(place) + "\r\n");
    }

    @Test
    void schoolHoursAreWeekdaysFromEightToThree() {
        // 2026-03-10 is a Tuesday, 2026-03-14 a Saturday.
        assertThat(Bookings.duringSchoolHours(at("2026-03-10T10:00"), at("2026-03-10T11:00"))).isTrue();
        assertThat(Bookings.duringSchoolHours(at("2026-03-10T07:30"), at("2026-03-10T08:30"))).isTrue();
        assertThat(Bookings.duringSchoolHours(at("2026-03-10T15:00"), at("2026-03-10T16:00"))).isFalse();
        assertThat(Bookings.duringSchoolHours(at("2026-03-10T07:00"), at("2026-03-10T08:00"))).isFalse();
        assertThat(Bookings.duringSchoolHours(at("2026-03-14T10:00"), at("2026-03-14T11:00"))).isFalse();
    }

    private static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }
}
