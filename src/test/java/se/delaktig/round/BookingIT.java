package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

@IntegrationTest
class BookingIT {

    /** A Tuesday far enough ahead to stay upcoming. */
    static final LocalDate TUESDAY = LocalDate.of(2031, 3, 11);

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Bookings bookings;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;
    Round round;
    Participant child;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Bokning", LocalDate.of(2026, 1, 1), LocalDate.of(2031, 12, 31), 6, null)));
        child = newChild("Siri");
    }

    private Participant newChild(String firstName) {
        return TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(round.id(), new ParticipantService.NewParticipant(13, Gender.GIRL, firstName,
                    "Pappa 070-123 45 67", List.of(org.interviewerIds().get(0)), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), org.interviewerIds().get(1));
            return participants.get(p.id());
        });
    }

    private RequestPostProcessor lead() {
        return user(org.processLead()).roles("STAFF");
    }

    private RequestPostProcessor assigned() {
        return user(org.interviewers().get(1)).roles("STAFF");
    }

    private Booking book(Participant p, LocalDate date, LocalTime time, String place) {
        return TestFixtures.as(org.processLead(), () -> bookings.book(p.id(), new Bookings.BookingInput(date, time, place)));
    }

    @Test
    void aTimeInSchoolHoursIsSavedWithAWarningOnSaveAndOnTheParticipantPage() throws Exception {
        mvc.perform(post("/participants/{id}/booking", child.id()).with(lead()).with(csrf())
                        .param("date", TUESDAY.toString()).param("time", "10:00").param("place", "Biblioteket i centrum"))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getFlashMap().get("bookingJustSaved")).isEqualTo(true));
        mvc.perform(get("/participants/{id}", child.id()).with(lead()))
                .andExpect(content().string(containsString("Tiden ligger på en vardag under skoltid")))
                .andExpect(content().string(containsString("Biblioteket i centrum")))
                .andExpect(content().string(containsString("2031-03-11 kl. 10:00–11:00")));

        book(child, TUESDAY, LocalTime.of(15, 30), "Biblioteket i centrum");
        mvc.perform(get("/participants/{id}", child.id()).with(lead()))
                .andExpect(content().string(not(containsString("under skoltid"))));
        assertThat(book(child, TUESDAY.plusDays(4), LocalTime.of(10, 0), "Hemma").duringSchoolHours()).isFalse();
    }

    @Test
    void thePlaceIsEncryptedAndAnIdentityNumberInItIsRefusedKeepingWhatWasTyped() throws Exception {
        mvc.perform(post("/participants/{id}/booking", child.id()).with(lead()).with(csrf())
                        .param("date", TUESDAY.toString()).param("time", "16:15").param("place", "Hemma hos 20120101-1234"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("personnummer eller samordningsnummer")))
                .andExpect(content().string(containsString("value=\"16:15\"")))
                .andExpect(content().string(containsString("value=\"Hemma hos 20120101-1234\"")))
                .andExpect(content().string(containsString("aria-describedby=\"place-error place-hint\"")));
        mvc.perform(post("/participants/{id}/booking", child.id()).with(lead()).with(csrf())
                        .param("date", "").param("time", "16:15").param("place", "Fritidsgården"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Skriv datumet för intervjun.")))
                .andExpect(content().string(containsString("value=\"Fritidsgården\"")));

        book(child, TUESDAY, LocalTime.of(16, 0), "Fritidsgården Norra");
        var stored = jdbc.sql("select place from booking where participant_id = ?").param(child.id()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Fritidsg");
    }

    @Test
    void theAssignedInterviewerDownloadsACalendarFileWithPseudonymAndPlaceButNoName() throws Exception {
        book(child, TUESDAY, LocalTime.of(16, 0), "Fritidsgården, rum 2; vid entrén");
        var result = mvc.perform(get("/participants/{id}/booking.ics", child.id()).with(assigned()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/calendar")))
                .andExpect(header().string("Content-Disposition", containsString("intervju-" + child.pseudonym() + ".ics")))
                .andReturn();
        var ics = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);

        assertThat(ics).doesNotContain("Siri").doesNotContain("070");
        var lines = List.of(ics.replace("\r\n ", "").split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("BEGIN:VCALENDAR");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("END:VCALENDAR");
        assertThat(lines).contains("BEGIN:VEVENT", "END:VEVENT", "VERSION:2.0",
                "SUMMARY:Intervju " + child.pseudonym(), "LOCATION:Fritidsgården\\, rum 2\\; vid entrén");
        assertThat(lines).anyMatch(l -> l.startsWith("UID:")).anyMatch(l -> l.startsWith("DTSTAMP:"));
        // 16:00 in Stockholm in March (CET, UTC+1) is 15:00 UTC.
        assertThat(lines).contains("DTSTART:20310311T150000Z", "DTEND:20310311T160000Z");
        assertThat(ics.split("\r\n")).allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n");

        // The lead may download it too; another interviewer of the unit and the unit manager may not.
        mvc.perform(get("/participants/{id}/booking.ics", child.id()).with(lead())).andExpect(status().isOk());
        mvc.perform(get("/participants/{id}/booking.ics", child.id()).with(user(org.interviewers().get(2)).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/participants/{id}/booking.ics", child.id()).with(user(org.manager()).roles("STAFF")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theListShowsUpcomingAndOverdueInterviewsToTheLeadAndTheirOwnToTheInterviewer() throws Exception {
        var past = newChild("Maja");
        var done = newChild("Noa");
        book(child, TUESDAY, LocalTime.of(16, 0), "Framtida plats");
        book(past, LocalDate.of(2026, 1, 13), LocalTime.of(16, 0), "Passerad plats");
        book(done, LocalDate.of(2026, 1, 14), LocalTime.of(16, 0), "Klar plats");
        // The interview of "done" is complete (written as the interview module stores it).
        jdbc.sql("insert into interview (round_id, participant_id, interviewer_id, status, completed_at) values (?, ?, ?, 'COMPLETE', now())")
                .params(round.id(), done.id(), org.interviewerIds().get(1)).update();
        TestFixtures.run(org.processLead(), () -> participants.assign(past.id(), org.interviewerIds().get(2)));

        var page = mvc.perform(get("/bookings").with(lead())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        var overdue = page.substring(page.indexOf("data-group=\"overdue\""), page.indexOf("data-group=\"upcoming\""));
        var upcoming = page.substring(page.indexOf("data-group=\"upcoming\""));
        assertThat(overdue).contains("Passerad plats").contains("passerad").doesNotContain("Framtida plats").doesNotContain("Klar plats");
        assertThat(upcoming).contains("Framtida plats").doesNotContain("Passerad plats");
        assertThat(page).doesNotContain("Maja").doesNotContain("Siri");

        // The interviewer of "child" sees only that booking; the interviewer of "past" only theirs.
        mvc.perform(get("/bookings").with(assigned()))
                .andExpect(content().string(containsString("Framtida plats")))
                .andExpect(content().string(not(containsString("Passerad plats"))));
        mvc.perform(get("/bookings").with(user(org.interviewers().get(2)).roles("STAFF")))
                .andExpect(content().string(containsString("Passerad plats")))
                .andExpect(content().string(not(containsString("Framtida plats"))));
        // Another municipality sees nothing of it.
        var other = fixtures.organisation();
        mvc.perform(get("/bookings").with(user(other.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Framtida plats"))));
    }

    @Test
    void theApiReadsAndWritesTheBookingWithTheSchoolHoursWarning() throws Exception {
        mvc.perform(put("/api/v1/participants/{id}/booking", child.id()).with(lead()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\":\"" + TUESDAY + "\",\"time\":\"09:30\",\"place\":\"Skolans bibliotek\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duringSchoolHours").value(true))
                .andExpect(jsonPath("$.warnings[0]").value("SCHOOL_HOURS"))
                .andExpect(jsonPath("$.place").value("Skolans bibliotek"));
        mvc.perform(get("/api/v1/participants/{id}/booking", child.id()).with(assigned()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.startsAt").value("2031-03-11T09:30:00"))
                .andExpect(jsonPath("$.timeZone").value("Europe/Stockholm"));
        mvc.perform(put("/api/v1/participants/{id}/booking", child.id()).with(lead()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\":\"" + TUESDAY + "\",\"time\":\"16:00\",\"place\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("place"));
        // The assigned interviewer may read but not change the booking.
        mvc.perform(put("/api/v1/participants/{id}/booking", child.id()).with(assigned()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"date\":\"" + TUESDAY + "\",\"time\":\"16:00\",\"place\":\"Annat\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void anotherTenantGetsA404OnEveryBookingRoute() throws Exception {
        book(child, TUESDAY, LocalTime.of(16, 0), "Hemlig plats");
        var other = fixtures.organisation();
        var stranger = user(other.processLead()).roles("STAFF");
        mvc.perform(get("/participants/{id}/booking", child.id()).with(stranger)).andExpect(status().isNotFound());
        mvc.perform(post("/participants/{id}/booking", child.id()).with(stranger).with(csrf())
                .param("date", TUESDAY.toString()).param("time", "16:00").param("place", "X")).andExpect(status().isNotFound());
        mvc.perform(post("/participants/{id}/booking/cancel", child.id()).with(stranger).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/participants/{id}/booking.ics", child.id()).with(stranger)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/participants/{id}/booking", child.id()).with(stranger)).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/participants/{id}/booking", child.id()).with(stranger).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"date\":\"2031-03-11\",\"time\":\"16:00\",\"place\":\"X\"}"))
                .andExpect(status().isNotFound());
        assertThat(TestFixtures.as(org.processLead(), () -> bookings.find(child.id())).orElseThrow().place()).isEqualTo("Hemlig plats");
    }
}
