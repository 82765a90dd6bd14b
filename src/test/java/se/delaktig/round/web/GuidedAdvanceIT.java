package se.delaktig.round.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * The rule for moving a round on from its page: with work undone, and always into the analysis, the
 * page asks and nothing moves until {@code confirmed=true}; a confirmation given for a step the round
 * has already left moves nothing; the API moves at once, as its documentation says.
 */
@IntegrationTest
class GuidedAdvanceIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;

    TestFixtures.Org org;
    Round round;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        round = TestFixtures.as(org.processLead(), () -> {
            var r = rounds.create(org.unitId(), guide, new RoundService.Plan("Framåt " + org.suffix(),
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 2, LocalDate.of(2026, 9, 1)));
            rounds.advance(r.id());
            participants.add(r.id(), new ParticipantService.NewParticipant(12, null, "Alva", null, List.of(), List.of()));
            return r;
        });
    }

    private Stage stage() {
        return TestFixtures.as(org.processLead(), () -> rounds.get(round.id()).stage());
    }

    private org.springframework.test.web.servlet.MvcResult advance(String... params) throws Exception {
        var request = post("/rounds/{id}/advance", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn();
    }

    @Test
    void workUndoneIsListedAndNothingMovesUntilConfirmed() throws Exception {
        var asked = advance("from", "SELECTION");
        assertThat(asked.getResponse().getStatus()).isEqualTo(200);
        assertThat(asked.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Vill du gå vidare till tilldelning och bokning?", "1 barn väntar på samtycke", "Gå vidare ändå");
        assertThat(stage()).isEqualTo(Stage.SELECTION);

        var moved = advance("from", "SELECTION", "confirmed", "true");
        assertThat(moved.getResponse().getStatus()).isEqualTo(302);
        assertThat(stage()).isEqualTo(Stage.ASSIGNMENT);

        // The same confirmation sent again (a second tab, a double click) does not move it a second step.
        var again = advance("from", "SELECTION", "confirmed", "true");
        assertThat(again.getResponse().getStatus()).isEqualTo(302);
        assertThat(stage()).isEqualTo(Stage.ASSIGNMENT);
    }

    @Test
    void enteringTheAnalysisAsksEvenWithoutTheFromStep() throws Exception {
        TestFixtures.run(org.processLead(), () -> {
            while (rounds.get(round.id()).stage() != Stage.REFLECTION) {
                rounds.advance(round.id());
            }
        });
        var asked = advance();
        assertThat(asked.getResponse().getStatus()).isEqualTo(200);
        assertThat(asked.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Vill du gå vidare till analys?", "När analysen börjar låses intervjuerna");
        assertThat(stage()).isEqualTo(Stage.REFLECTION);

        // The API does not ask: a script that calls it has decided.
        mvc.perform(post("/api/v1/rounds/{id}/advance", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf()))
                .andReturn();
        assertThat(stage()).isEqualTo(Stage.ANALYSIS);
    }

    @Test
    void anInterviewerCannotMoveTheRound() throws Exception {
        var response = mvc.perform(post("/rounds/{id}/advance", round.id()).param("confirmed", "true")
                .with(user(org.interviewers().get(0)).roles("STAFF")).with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(stage()).isEqualTo(Stage.SELECTION);
    }
}
