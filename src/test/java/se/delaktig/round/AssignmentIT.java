package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.web.InvalidInputException;

@IntegrationTest
class AssignmentIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Conflicts conflicts;
    @Autowired AssignmentSuggestions suggestions;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;
    long guide;
    Round round;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        guide = fixtures.smallGuide();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Tilldelning", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 6, null)));
    }

    private Participant consentedChild(List<Long> current, List<Long> former) {
        return TestFixtures.as(org.processLead(), () -> {
            var child = participants.add(round.id(), new ParticipantService.NewParticipant(12, Gender.BOY, "Vidar",
                    null, current, former));
            participants.recordConsent(child.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            return participants.get(child.id());
        });
    }

    private RequestPostProcessor lead() {
        return user(org.processLead()).roles("STAFF");
    }

    private long i(int n) {
        return org.interviewerIds().get(n);
    }

    @Test
    void everyKindOfConflictBlocksTheAssignmentAndSaysWhy() {
        var child = consentedChild(List.of(i(0)), List.of(i(1)));
        TestFixtures.run(org.processLead(), () -> conflicts.markKnowsFamily(child.id(), i(2), "grannar"));

        for (var expected : List.of(new Object[]{i(0), "participant.assign.currentCaseWorker"},
                new Object[]{i(1), "participant.assign.formerCaseWorker"}, new Object[]{i(2), "assignment.knowsFamily"})) {
            var refused = catchThrowableOfType(InvalidInputException.class,
                    () -> TestFixtures.run(org.processLead(), () -> participants.assign(child.id(), (Long) expected[0])));
            assertThat(refused.messageKey()).isEqualTo(expected[1]);
        }
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(child.id())).interviewerId()).isNull();
        var denied = jdbc.sql("select count(*) from audit_event where record_type = 'participant' and record_id = ? and action = 'ASSIGN' and outcome = 'DENIED'")
                .param(String.valueOf(child.id())).query(Integer.class).single();
        assertThat(denied).isEqualTo(3);
    }

    @Test
    void theLeadMarksSomeoneAsKnowingTheFamilyOnTheParticipantPageAndTheAssignmentIsRefused() throws Exception {
        var child = consentedChild(List.of(), List.of());
        mvc.perform(post("/participants/{id}/known-by", child.id()).with(lead()).with(csrf())
                        .param("knownStaffId", String.valueOf(i(1))).param("knownNote", "Bor i samma trappuppgång"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/participants/{id}", child.id()).with(lead()))
                .andExpect(content().string(containsString("Bor i samma trappuppgång")));
        var stored = jdbc.sql("select note from participant_known_by where participant_id = ?").param(child.id())
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("trappuppg");

        mvc.perform(post("/participants/{id}/assignment", child.id()).with(lead()).with(csrf())
                        .param("interviewerId", String.valueOf(i(1))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ivar Intervjuare känner familjen till " + child.pseudonym())))
                .andExpect(content().string(containsString("aria-describedby=\"interviewerId-error\"")));

        mvc.perform(post("/participants/{id}/known-by/{staff}/remove", child.id(), i(1)).with(lead()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/participants/{id}/assignment", child.id()).with(lead()).with(csrf())
                        .param("interviewerId", String.valueOf(i(1))))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void aNoteWithAnIdentityNumberIsRefusedAndWhatWasTypedIsKept() throws Exception {
        var child = consentedChild(List.of(), List.of());
        mvc.perform(post("/participants/{id}/known-by", child.id()).with(lead()).with(csrf())
                        .param("knownStaffId", String.valueOf(i(2))).param("knownNote", "Mamman 19850312-1231"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("personnummer eller samordningsnummer")))
                .andExpect(content().string(containsString("value=\"Mamman 19850312-1231\"")))
                .andExpect(content().string(containsString("aria-describedby=\"knownNote-error knownNote-hint\"")));
        assertThat(jdbc.sql("select count(*) from participant_known_by where participant_id = ?").param(child.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theSuggestionIsBalancedConflictFreeDeterministicAndKeepsWhatIsAssigned() {
        var a = consentedChild(List.of(i(0)), List.of());
        var b = consentedChild(List.of(i(1)), List.of(i(0)));
        var c = consentedChild(List.of(), List.of());
        var d = consentedChild(List.of(), List.of());
        TestFixtures.run(org.processLead(), () -> conflicts.markKnowsFamily(c.id(), i(2), null));
        TestFixtures.run(org.processLead(), () -> participants.assign(d.id(), i(0)));
        // Not consented: not part of the suggestion.
        TestFixtures.run(org.processLead(), () -> participants.add(round.id(), new ParticipantService.NewParticipant(
                9, Gender.GIRL, "Tuva", null, List.of(), List.of())));

        var suggestion = TestFixtures.as(org.processLead(), () -> suggestions.suggest(round.id(), false));
        assertThat(suggestion.rows()).extracting(AssignmentSuggestion.Row::pseudonym).containsExactly("B01", "B02", "B03", "B04");
        assertThat(suggestion.maxLoad()).isEqualTo(2);
        var byId = suggestion.rows().stream().collect(java.util.stream.Collectors.toMap(AssignmentSuggestion.Row::participantId, r -> r));
        assertThat(byId.get(a.id()).proposedInterviewerId()).isNotEqualTo(i(0));
        assertThat(byId.get(b.id()).proposedInterviewerId()).isEqualTo(i(2));
        assertThat(byId.get(c.id()).proposedInterviewerId()).isNotEqualTo(i(2));
        assertThat(byId.get(d.id()).kind()).isEqualTo(AssignmentSuggestion.Kind.KEEP);
        assertThat(TestFixtures.as(org.processLead(), () -> suggestions.suggest(round.id(), false))).isEqualTo(suggestion);

        var refused = TestFixtures.as(org.processLead(), () -> suggestions.accept(round.id(), false));
        assertThat(refused).isEmpty();
        var after = TestFixtures.as(org.processLead(), () -> participants.of(round.id()));
        for (var row : suggestion.rows()) {
            var saved = after.stream().filter(p -> p.id() == row.participantId()).findFirst().orElseThrow();
            assertThat(saved.interviewerId()).isEqualTo(row.proposedInterviewerId());
        }
    }

    @Test
    void thePageAcceptsTheProposalInOneClick() throws Exception {
        consentedChild(List.of(i(0)), List.of());
        consentedChild(List.of(i(1)), List.of());
        mvc.perform(get("/rounds/{id}/assignments", round.id()).with(lead()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Acceptera förslaget (2 ändringar)")))
                .andExpect(content().string(containsString("<caption>Barn som har samtyckt")));
        mvc.perform(post("/rounds/{id}/assignments/accept", round.id()).with(lead()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        var after = TestFixtures.as(org.processLead(), () -> participants.of(round.id()));
        assertThat(after).allSatisfy(p -> assertThat(p.interviewerId()).isNotNull());
        assertThat(after).allSatisfy(p -> assertThat(p.isCaseWorker(p.interviewerId())).isFalse());
    }

    @Test
    void changedRowsAreSavedAndAConflictingRowIsRefusedWithTheReasonKeepingTheChoice() throws Exception {
        var a = consentedChild(List.of(i(0)), List.of());
        var b = consentedChild(List.of(), List.of());
        mvc.perform(post("/rounds/{id}/assignments", round.id()).with(lead()).with(csrf())
                        .param("row-" + a.id(), String.valueOf(i(0)))
                        .param("row-" + b.id(), String.valueOf(i(2))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ida Intervjuare är socialsekreterare för " + a.pseudonym())))
                .andExpect(content().string(containsString("aria-describedby=\"row-" + a.id() + "-error\"")))
                .andExpect(content().string(containsString("<option value=\"" + i(0) + "\" selected=\"selected\">Ida Intervjuare</option>")));
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(b.id())).interviewerId()).isEqualTo(i(2));
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(a.id())).interviewerId()).isNull();
    }

    @Test
    void theApiGivesAndAcceptsTheSuggestion() throws Exception {
        var a = consentedChild(List.of(i(0)), List.of());
        mvc.perform(get("/api/v1/rounds/{id}/assignment-suggestion", round.id()).with(lead()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].pseudonym").value(a.pseudonym()))
                .andExpect(jsonPath("$.rows[0].kind").value("ASSIGN"))
                .andExpect(jsonPath("$.rows[0].proposedInterviewerId").value(not(i(0))));
        mvc.perform(post("/api/v1/rounds/{id}/assignment-suggestion/accept", round.id()).with(lead()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refused").isEmpty())
                .andExpect(jsonPath("$.assignments.rows[0].kind").value("KEEP"));
    }

    @Test
    void anotherTenantGetsA404OnEveryAssignmentRoute() throws Exception {
        var child = consentedChild(List.of(), List.of());
        var other = fixtures.organisation();
        var stranger = user(other.processLead()).roles("STAFF");
        mvc.perform(get("/rounds/{id}/assignments", round.id()).with(stranger)).andExpect(status().isNotFound());
        mvc.perform(post("/rounds/{id}/assignments/accept", round.id()).with(stranger).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/rounds/{id}/assignments", round.id()).with(stranger).with(csrf())
                .param("row-" + child.id(), String.valueOf(other.interviewerIds().get(0)))).andExpect(status().isNotFound());
        mvc.perform(post("/participants/{id}/known-by", child.id()).with(stranger).with(csrf())
                .param("knownStaffId", String.valueOf(other.interviewerIds().get(0)))).andExpect(status().isNotFound());
        mvc.perform(post("/participants/{id}/known-by/{s}/remove", child.id(), i(0)).with(stranger).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rounds/{id}/assignment-suggestion", round.id()).with(stranger)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/rounds/{id}/assignment-suggestion/accept", round.id()).with(stranger).with(csrf()))
                .andExpect(status().isNotFound());
        // An interviewer of the same unit is not a process lead: also told the page does not exist.
        mvc.perform(get("/rounds/{id}/assignments", round.id()).with(user(org.interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isNotFound());
        // A row naming a child of another round is a 404 too, not a silent save.
        var foreignRound = TestFixtures.as(other.processLead(), () -> rounds.create(other.unitId(), guide,
                new RoundService.Plan("Annan", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 6, null)));
        mvc.perform(post("/rounds/{id}/assignments", foreignRound.id()).with(user(other.processLead()).roles("STAFF")).with(csrf())
                .param("row-" + child.id(), String.valueOf(other.interviewerIds().get(0)))).andExpect(status().isNotFound());
    }
}
