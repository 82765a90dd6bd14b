package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

@IntegrationTest
class HomeRemindersIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Bookings bookings;

    TestFixtures.Org org;
    Round round;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Startsidan", LocalDate.of(2026, 1, 1), LocalDate.of(2031, 12, 31), 6, null)));
    }

    private Participant bookedChild(int interviewer, LocalDateTime at) {
        var start = at.truncatedTo(ChronoUnit.MINUTES);
        return TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(round.id(), new ParticipantService.NewParticipant(11, Gender.BOY, "Viggo",
                    "Pappa 070-999 88 77", List.of(org.interviewerIds().get(0)), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), org.interviewerIds().get(interviewer));
            bookings.book(p.id(), new Bookings.BookingInput(start.toLocalDate(), start.toLocalTime(), "Hemma hos Viggo"));
            return participants.get(p.id());
        });
    }

    private String home(String username) throws Exception {
        return mvc.perform(get("/").with(user(username).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The reminder notice alone: the part of the page that names no place. */
    private static String reminders(String page) {
        var m = java.util.regex.Pattern.compile("<div[^>]*id=\"reminders\".*?</div>", java.util.regex.Pattern.DOTALL).matcher(page);
        return m.find() ? m.group() : "";
    }

    @Test
    void theInterviewerSeesTheirInterviewWithinTheLeadTimeOnTheStartPageWithoutNameOrPlace() throws Exception {
        var now = LocalDateTime.now(Bookings.ZONE);
        var soonAt = now.plusHours(20).truncatedTo(ChronoUnit.MINUTES);
        var soon = bookedChild(1, soonAt);
        var later = bookedChild(1, now.plusDays(3));
        var someoneElses = bookedChild(2, now.plusHours(5));

        var day = soonAt.toLocalDate().equals(now.toLocalDate()) ? "i dag" : "i morgon";
        var page = home(org.interviewers().get(1));
        var reminder = reminders(page);
        assertThat(reminder).contains("Du har en intervju " + day + " kl " + soonAt.toLocalTime() + " (" + soon.pseudonym() + ").")
                .contains("Plats och detaljer för " + soon.pseudonym())
                .doesNotContain("(" + later.pseudonym() + ")")
                .doesNotContain("(" + someoneElses.pseudonym() + ")")
                .doesNotContain("Hemma hos");
        // Below the reminder, the interviewer's own coming bookings are listed with their place, as on the
        // booking page (issue 11); never another interviewer's.
        assertThat(page).contains(later.pseudonym()).contains("Hemma hos Viggo").doesNotContain(someoneElses.pseudonym());

        // The process lead books but is not the interviewer: no reminder for them.
        assertThat(home(org.processLead())).doesNotContain("Du har en intervju");
        // The other interviewer sees only their own.
        assertThat(reminders(home(org.interviewers().get(2)))).contains("(" + someoneElses.pseudonym() + ")")
                .doesNotContain("(" + soon.pseudonym() + ")");
    }

    @Test
    void inEnglishTheReminderIsInEnglish() throws Exception {
        var at = LocalDateTime.now(Bookings.ZONE).plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        var child = bookedChild(1, at);
        var page = mvc.perform(get("/").param("lang", "en").with(user(org.interviewers().get(1)).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).containsPattern("You have an interview (today|tomorrow) at " + at.toLocalTime() + " \\(" + child.pseudonym() + "\\)");
    }
}
