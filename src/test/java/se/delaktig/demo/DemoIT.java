package se.delaktig.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.InterviewResults;
import se.delaktig.organization.Organization;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * The demo a first-time user logs into. On the embedded database it must be there in full; on an
 * external database (DELAKTIG_TEST_DB_URL) it must never be seeded.
 */
@IntegrationTest
class DemoIT {

    @Autowired DatabaseMode mode;
    @Autowired Organization organization;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired InterviewResults results;
    @Autowired MockMvc mvc;
    @Autowired se.delaktig.round.Bookings bookings;
    @Autowired se.delaktig.interview.Interviews interviews;
    @Autowired se.delaktig.analysis.Codebooks codebooks;
    @Autowired se.delaktig.analysis.Codings codings;
    @Autowired se.delaktig.analysis.Quotes quotes;
    @Autowired se.delaktig.analysis.AnalysisMatrix matrix;
    @Autowired se.delaktig.analysis.DoubleCodings doubleCodings;
    @Autowired se.delaktig.seminar.Seminars seminars;
    @Autowired se.delaktig.analysis.Trends trends;
    @Autowired se.delaktig.decision.FollowUp followUp;

    @Test
    void theDemoIsSeededIntoTheEmbeddedDatabaseOnlyAndHasAFinishedRoundOfTenChildren() throws Exception {
        var exempelkommun = organization.municipalities().stream().filter(m -> m.name().equals("Exempelkommun")).findFirst();
        if (!mode.embedded()) {
            assertThat(exempelkommun).as("the demo is never seeded into an external database").isEmpty();
            assertThat(organization.staffByUsername("processledare")).isEmpty();
            return;
        }
        assertThat(exempelkommun).isPresent();
        for (var username : new String[]{"admin", "processledare", "enhetschef", "intervjuare1", "intervjuare6", "fou", "grannkommun"}) {
            var staff = organization.staffByUsername(username).orElseThrow();
            assertThat(organization.passwordMatches(staff.id(), DemoData.PASSWORD)).as(username).isTrue();
        }

        var visible = TestFixtures.as("processledare", () -> rounds.visible());
        assertThat(visible).extracting(Round::stage).contains(Stage.PLANNING, Stage.REPORT);
        var finished = visible.stream().filter(r -> r.stage() == Stage.REPORT).findFirst().orElseThrow();
        var children = TestFixtures.as("processledare", () -> participants.of(finished.id()));
        assertThat(children).hasSize(10);
        var byConsent = children.stream().collect(Collectors.groupingBy(p -> p.consent(), Collectors.counting()));
        assertThat(byConsent).containsEntry(ConsentStatus.CONSENTED, 8L).containsEntry(ConsentStatus.DECLINED, 2L);
        assertThat(children.stream().map(p -> p.interviewerId()).filter(java.util.Objects::nonNull).distinct()).hasSize(6);
        assertThat(TestFixtures.as("processledare", () -> results.completed(finished.id())).completedInterviews()).isEqualTo(8);

        // The recruitment features in use: letters sent, bookings, three-part reflections, languages.
        assertThat(children).allSatisfy(child ->
                assertThat(TestFixtures.as("processledare", () -> participants.lettersSent(child.id()))).isNotEmpty());
        assertThat(children).extracting(p -> p.language()).contains("sv", "ar", "en", "so");
        var interviewed = children.stream().filter(p -> p.interviewerId() != null).toList();
        assertThat(interviewed).allSatisfy(child ->
                assertThat(TestFixtures.as("processledare", () -> bookings.find(child.id()))).isPresent());
        var first = interviewed.get(0);
        var interviewer = organization.staffMember(first.interviewerId()).orElseThrow().username();
        var interview = TestFixtures.as(interviewer, () -> interviews.open(first.id()));
        assertThat(interview.reflection().learnt()).isNotBlank();
        assertThat(interview.reflection().change()).isNotBlank();
        assertThat(interview.durationMinutes()).isPositive();
    }

    @Test
    void theFinishedRoundIsCodedSoThatThemesCoverSeveralChildren() {
        if (!mode.embedded()) {
            return;
        }
        var finished = TestFixtures.as("processledare", () -> rounds.visible()).stream()
                .filter(r -> r.stage() == Stage.REPORT).findFirst().orElseThrow();
        var codes = TestFixtures.as("processledare", () -> codebooks.codes(finished.id()));
        var perCode = TestFixtures.as("processledare", () -> codings.childrenPerCode(finished.id()));
        var change = codes.stream().filter(c -> c.name().equals("Byte av socialsekreterare")).findFirst().orElseThrow();
        assertThat(perCode.get(change.id())).as("children who spoke about changing social worker").isEqualTo(5);
        // Reflections are coded with the same codebook.
        var page = TestFixtures.as("processledare", () -> codings.codePage(finished.id(), change.id()));
        assertThat(page.segments()).extracting(s -> s.kind().name()).contains("CHILD_WORDS", "REFLECTION");
    }

    @Test
    void theFinishedRoundHasApprovedQuotesAMatrixAFinishedDoubleCodingAndASeminarWithProposals() {
        if (!mode.embedded()) {
            return;
        }
        var finished = TestFixtures.as("processledare", () -> rounds.visible()).stream()
                .filter(r -> r.stage() == Stage.REPORT).findFirst().orElseThrow();
        var id = finished.id();
        var approved = TestFixtures.as("processledare", () -> quotes.approved(id));
        assertThat(approved).hasSizeGreaterThanOrEqualTo(5)
                .anySatisfy(q -> assertThat(q.text()).contains("[skolan]"));
        // One candidate is left with a staff member's name, so the check has something to show.
        var candidates = TestFixtures.as("processledare", () -> quotes.list(id)).stream().filter(q -> !q.approved()).toList();
        assertThat(candidates).singleElement().satisfies(q -> assertThat(q.findings()).isNotEmpty());

        var matrixRows = TestFixtures.as("processledare", () -> matrix.matrix(id).rows());
        assertThat(matrixRows).hasSize(4);
        var proposals = TestFixtures.as("processledare", () -> seminars.proposals(id).items());
        assertThat(proposals).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(p -> assertThat(p.evidenceItems()).isNotEmpty());
        var seminar = TestFixtures.as("processledare", () -> seminars.record(id));
        assertThat(seminar.heldOn()).isNotNull();
        assertThat(seminar.participants()).hasSize(8);

        var overview = TestFixtures.as("processledare", () -> doubleCodings.overview(id));
        assertThat(overview.passes()).singleElement().satisfies(pass -> assertThat(pass.finished()).isTrue());
        var report = TestFixtures.as("processledare",
                () -> doubleCodings.report(id, overview.passes().get(0).id(), java.util.Locale.forLanguageTag("sv")));
        assertThat(report.disagreements()).isNotEmpty();
    }

    @Test
    void lastYearsRoundIsClosedAndGivesTrendsAYearToCompareAndTheMemoActionsToFollowUp() {
        if (!mode.embedded()) {
            return;
        }
        var visible = TestFixtures.as("processledare", () -> rounds.visible());
        var previous = visible.stream().filter(r -> r.title().equals("Barns röster 2025")).findFirst().orElseThrow();
        var current = visible.stream().filter(r -> r.title().equals("Barns röster 2026")).findFirst().orElseThrow();
        assertThat(previous.stage()).isEqualTo(Stage.CLOSED);
        assertThat(TestFixtures.as("processledare", () -> results.completed(previous.id())).completedInterviews()).isEqualTo(12);

        var trends = TestFixtures.as("processledare", () -> this.trends.forUnit(current.unitId(), null, null,
                java.util.Locale.forLanguageTag("sv")));
        assertThat(trends.rounds()).hasSize(2);

        var actions = TestFixtures.as("processledare", () -> followUp.previousRoundActions(current.id()));
        assertThat(actions).hasSize(3);
        assertThat(actions).filteredOn(se.delaktig.decision.FollowUp.Item::overdue).hasSize(1);
        assertThat(actions).extracting(se.delaktig.decision.FollowUp.Item::status)
                .contains(se.delaktig.decision.ActionStatus.DONE, se.delaktig.decision.ActionStatus.IN_PROGRESS);
    }

    @Test
    void grannkommunsRoundHasAWithdrawnChildAndAnUpcomingBooking() {
        if (!mode.embedded()) {
            assertThat(organization.staffByUsername("grannkommun-int")).isEmpty();
            return;
        }
        var round = TestFixtures.as("grannkommun", () -> rounds.visible()).get(0);
        var children = TestFixtures.as("grannkommun", () -> participants.of(round.id()));
        assertThat(children).extracting(p -> p.consent()).contains(ConsentStatus.WITHDRAWN, ConsentStatus.CONSENTED);
        var booked = children.stream().filter(p -> p.interviewerId() != null).findFirst().orElseThrow();
        var booking = TestFixtures.as("grannkommun", () -> bookings.find(booked.id())).orElseThrow();
        assertThat(booking.startsAt()).isAfter(java.time.LocalDateTime.now());
    }

    @Test
    void processledareCannotSeeGrannkommunsRoundInPagesOrApi() throws Exception {
        if (!mode.embedded()) {
            assertThat(organization.staffByUsername("grannkommun")).isEmpty();
            return;
        }
        var neighbourRound = TestFixtures.as("grannkommun", () -> rounds.visible()).get(0);
        mvc.perform(get("/rounds/{id}", neighbourRound.id()).with(user("processledare").roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rounds/{id}", neighbourRound.id()).with(user("processledare").roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/rounds/{id}", neighbourRound.id()).with(user("grannkommun").roles("STAFF")))
                .andExpect(status().isOk());
    }
}
