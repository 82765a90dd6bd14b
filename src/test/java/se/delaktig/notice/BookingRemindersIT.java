package se.delaktig.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.round.Bookings;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;

@IntegrationTest
class BookingRemindersIT {

    /** The port application-test.properties gives spring.mail.port. */
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(39025, "localhost", ServerSetup.PROTOCOL_SMTP));

    static final String FIRST_NAME = "Tindra";
    static final String PLACE = "Hemma hos familjen, Storgatan 5";

    @Autowired BookingReminders reminders;
    @Autowired TestFixtures fixtures;
    @Autowired Organization organization;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Bookings bookings;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    TestFixtures.Org org;
    Round round;
    String interviewer;
    long interviewerId;
    String email;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        interviewer = "ir-" + org.suffix();
        email = "ida.reminder@" + org.suffix() + ".test";
        interviewerId = organization.createStaff(interviewer, "Ingrid Intervjuare", null, email, TestFixtures.PASSWORD, false);
        organization.grant(interviewerId, org.unitId(), Role.INTERVIEWER);
        var guide = fixtures.smallGuide();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Påminnelser " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2031, 12, 31), 6, null)));
    }

    private Participant child() {
        return TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(round.id(), new ParticipantService.NewParticipant(12, Gender.GIRL, FIRST_NAME,
                    "Mamma 070-111 22 33", List.of(org.interviewerIds().get(0)), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), interviewerId);
            return participants.get(p.id());
        });
    }

    private LocalDateTime book(Participant p, LocalDateTime at) {
        var start = at.truncatedTo(ChronoUnit.MINUTES);
        TestFixtures.run(org.processLead(), () -> bookings.book(p.id(),
                new Bookings.BookingInput(start.toLocalDate(), start.toLocalTime(), PLACE)));
        return start;
    }

    private static LocalDateTime inHours(int hours) {
        return LocalDateTime.now(Bookings.ZONE).plusHours(hours);
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String text(MimeMessage mail) {
        try {
            // Decoded (quoted-printable), so Swedish letters compare as typed.
            return mail.getSubject() + "\n" + mail.getContent();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int successfulReminders(long participantId) {
        return jdbc.sql("""
                select count(*) from audit_event where action = 'REMIND_BOOKING' and actor = 'system'
                  and record_id = ? and outcome = 'SUCCESS'""")
                .param(String.valueOf(participantId)).query(Integer.class).single();
    }

    @Test
    void theInterviewerGetsOneMailWithTimeAndPseudonymButNoNameOrPlaceAndANewTimeGetsANewOne() throws Exception {
        var child = child();
        var start = book(child, inHours(2));

        reminders.remindDue();
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(mailsTo(email)).singleElement().satisfies(mail -> {
            var text = text(mail);
            assertThat(mail.getSubject()).isEqualTo("Delaktig: påminnelse om en intervju");
            assertThat(text).contains("Du har en intervju bokad", " kl " + start.toLocalTime() + " (" + child.pseudonym() + ")",
                    "Öppna Delaktig för plats och detaljer", "/bookings");
            assertThat(text).doesNotContain(FIRST_NAME).doesNotContain("Storgatan").doesNotContain("Hemma")
                    .doesNotContain("070-111");
        });
        assertThat(successfulReminders(child.id())).isEqualTo(1);

        // The next run finds nothing to do: still one mail. (Counted per recipient: bookings other
        // tests left in the shared database may be reminded by the same run.)
        reminders.remindDue();
        assertThat(mailsTo(email)).hasSize(1);

        // The list shows the interviewer that the reminder went out.
        var list = mvc.perform(get("/bookings").with(user(interviewer).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("Påminnelse skickad");

        // A new time is a new reminder.
        var later = book(child, inHours(3));
        reminders.remindDue();
        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(mailsTo(email)).hasSize(2);
        assertThat(text(mailsTo(email).get(1))).contains(" kl " + later.toLocalTime() + " (" + child.pseudonym() + ")");
        assertThat(successfulReminders(child.id())).isEqualTo(2);

        // Changing only the place keeps the reminder of the same time: no third mail.
        TestFixtures.run(org.processLead(), () -> bookings.book(child.id(),
                new Bookings.BookingInput(later.toLocalDate(), later.toLocalTime(), "Fritidsgården")));
        reminders.remindDue();
        assertThat(mailsTo(email)).hasSize(2);
    }

    @Test
    void aBookingDaysAheadIsNotRemindedYetAndHasNoBadge() throws Exception {
        var child = child();
        book(child, inHours(72));

        reminders.remindDue();
        assertThat(mailsTo(email)).isEmpty();
        assertThat(successfulReminders(child.id())).isZero();
        var list = mvc.perform(get("/bookings").with(user(interviewer).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains(child.pseudonym()).doesNotContain("Påminnelse skickad");
    }

    @Test
    void twoNodesRunningTheJobAtOnceSendEachReminderExactlyOnce() throws Exception {
        var children = new ArrayList<Participant>();
        for (var i = 0; i < 5; i++) {
            var child = child();
            book(child, inHours(2 + i));
            children.add(child);
        }
        var barrier = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var runs = new ArrayList<Future<Integer>>();
            for (var node = 0; node < 2; node++) {
                runs.add(pool.submit(() -> {
                    barrier.await();
                    return reminders.remindDue();
                }));
            }
            var sent = 0;
            for (var run : runs) {
                sent += run.get();
            }
            // The scheduler may have taken some in between; together nobody sent more than one each.
            assertThat(sent).isLessThanOrEqualTo(children.size());
        } finally {
            pool.shutdown();
        }
        assertThat(MAIL.waitForIncomingEmail(10_000, children.size())).isTrue();
        assertThat(mailsTo(email)).hasSize(children.size());
        for (var child : children) {
            assertThat(successfulReminders(child.id())).isEqualTo(1);
            assertThat(mailsTo(email)).filteredOn(m -> text(m).contains("(" + child.pseudonym() + ")")).hasSize(1);
        }
    }
}
