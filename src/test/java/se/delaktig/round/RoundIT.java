package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

@IntegrationTest
class RoundIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;
    long guide;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        guide = fixtures.smallGuide();
    }

    private Round newRound(TestFixtures.Org o) {
        return TestFixtures.as(o.processLead(), () -> rounds.create(o.unitId(), guide,
                new RoundService.Plan("Barns röster 2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
    }

    private Participant newChild(TestFixtures.Org o, long roundId, long caseWorker) {
        return TestFixtures.as(o.processLead(), () -> participants.add(roundId, new ParticipantService.NewParticipant(
                11, Gender.GIRL, "Alva", "Mamma 070-111 22 33", List.of(caseWorker), List.of())));
    }

    @Test
    void processLeadPlansARoundInThePagesAndSeesItsFirstStep() throws Exception {
        var result = mvc.perform(post("/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(org.unitId())).param("guideId", String.valueOf(guide))
                        .param("title", "Våra barns röster").param("periodStart", "2026-02-01").param("periodEnd", "2026-11-30")
                        .param("targetChildren", "6"))
                .andExpect(status().is3xxRedirection()).andReturn();
        var location = result.getResponse().getRedirectedUrl();
        mvc.perform(get(location).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Våra barns röster")))
                .andExpect(content().string(containsString("aria-current=\"step\"")));
    }

    @Test
    void aRejectedRoundFormSaysWhatIsWrongAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(org.unitId())).param("guideId", String.valueOf(guide))
                        .param("title", "Min omgång med ett bra namn").param("periodStart", "2026-05-01").param("periodEnd", "2026-01-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Periodens sista dag kan inte ligga före den första")))
                .andExpect(content().string(containsString("value=\"Min omgång med ett bra namn\"")))
                .andExpect(content().string(containsString("aria-describedby=\"periodEnd-error\"")));
    }

    @Test
    void childGetsTheNextPseudonymAndTheKeyListIsEncrypted() throws Exception {
        var round = newRound(org);
        var first = newChild(org, round.id(), org.interviewerIds().get(0));
        var second = newChild(org, round.id(), org.interviewerIds().get(0));
        assertThat(first.pseudonym()).isEqualTo("B01");
        assertThat(second.pseudonym()).isEqualTo("B02");

        var stored = jdbc.sql("select ciphertext from key_list_entry where participant_id = ?").param(first.id())
                .query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Alva").doesNotContain("070");
        var entry = TestFixtures.as(org.processLead(), () -> participants.keyEntry(first.id()));
        assertThat(entry.firstName()).isEqualTo("Alva");
        assertThat(entry.contact()).isEqualTo("Mamma 070-111 22 33");
    }

    @Test
    void identityNumberInTheKeyListIsRejectedAndTheRestIsKept() throws Exception {
        var round = newRound(org);
        mvc.perform(post("/rounds/{id}/participants", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("age", "9").param("gender", "BOY").param("firstName", "Love")
                        .param("contact", "Pappa, pnr 20150312-1236"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("personnummer eller samordningsnummer")))
                .andExpect(content().string(containsString("value=\"Love\"")))
                .andExpect(content().string(containsString("value=\"9\"")));
        assertThat(TestFixtures.as(org.processLead(), () -> participants.of(round.id()))).isEmpty();
    }

    @Test
    void consentRuleAndAssignmentOfTheOwnCaseWorkerIsRefusedWithTheReason() throws Exception {
        var round = newRound(org);
        var caseWorker = org.interviewerIds().get(0);
        var child = newChild(org, round.id(), caseWorker);
        var lead = user(org.processLead()).roles("STAFF");

        mvc.perform(post("/participants/{id}/consent", child.id()).with(lead).with(csrf())
                        .param("child", "YES").param("guardian1", "YES").param("guardian2", "YES"))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(child.id())).consent()).isEqualTo(ConsentStatus.CONSENTED);

        mvc.perform(post("/participants/{id}/assignment", child.id()).with(lead).with(csrf())
                        .param("interviewerId", String.valueOf(caseWorker)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("är socialsekreterare för B01 och kan därför inte intervjua barnet")));
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(child.id())).interviewerId()).isNull();

        mvc.perform(post("/participants/{id}/assignment", child.id()).with(lead).with(csrf())
                        .param("interviewerId", String.valueOf(org.interviewerIds().get(1))))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(child.id())).interviewerId())
                .isEqualTo(org.interviewerIds().get(1));
    }

    @Test
    void underFifteenTheGuardiansMustAnswer() {
        var round = newRound(org);
        var child = newChild(org, round.id(), org.interviewerIds().get(0));
        var error = catchThrowableOfType(se.delaktig.web.InvalidInputException.class,
                () -> TestFixtures.run(org.processLead(), () -> participants.recordConsent(child.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED)));
        assertThat(error.field()).isEqualTo("guardianAnswer");
    }

    @Test
    void anotherMunicipalitysRoundAndChildAreAnsweredExactlyLikeMissingOnes() throws Exception {
        var round = newRound(org);
        var child = newChild(org, round.id(), org.interviewerIds().get(0));
        var stranger = fixtures.organisation();
        var missingRound = round.id() + 1_000_000;
        var missingChild = child.id() + 1_000_000;

        List<Route> routes = List.of(
                new Route("GET", "/rounds/%d", true), new Route("POST", "/rounds/%d/advance", true),
                new Route("POST", "/rounds/%d/back", true), new Route("GET", "/rounds/%d/participants/new", true),
                new Route("POST", "/rounds/%d/participants", true),
                new Route("GET", "/participants/%d", false), new Route("GET", "/participants/%d/key", false),
                new Route("POST", "/participants/%d/consent", false), new Route("POST", "/participants/%d/assignment", false),
                new Route("GET", "/api/v1/rounds/%d", true), new Route("POST", "/api/v1/rounds/%d/advance", true),
                new Route("GET", "/api/v1/rounds/%d/participants", true), new Route("POST", "/api/v1/rounds/%d/participants", true),
                new Route("GET", "/api/v1/participants/%d", false), new Route("PUT", "/api/v1/participants/%d/consent", false),
                new Route("PUT", "/api/v1/participants/%d/assignment", false));
        for (var route : routes) {
            long existing = route.round() ? round.id() : child.id();
            long missing = route.round() ? missingRound : missingChild;
            var forStranger = mvc.perform(route.request(existing).with(user(stranger.processLead()).roles("STAFF")).with(csrf()))
                    .andReturn().getResponse();
            var forMissing = mvc.perform(route.request(missing).with(user(stranger.processLead()).roles("STAFF")).with(csrf()))
                    .andReturn().getResponse();
            assertThat(forStranger.getStatus()).as(route.method() + " " + route.path()).isEqualTo(404);
            assertThat(normalised(forStranger.getContentAsString(), existing))
                    .as(route.method() + " " + route.path())
                    .isEqualTo(normalised(forMissing.getContentAsString(), missing));
        }
        // The owner still sees them, so the 404 above is the tenant rule and not a broken route.
        mvc.perform(get("/rounds/{id}", round.id()).with(user(org.processLead()).roles("STAFF"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/participants/{id}", child.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk());
    }

    @Test
    void theApiRefusesBadInputWithAProblemDetailNamingTheField() throws Exception {
        var round = newRound(org);
        mvc.perform(post("/api/v1/rounds/{id}/participants", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"age\": 30, \"firstName\": \"Saga\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(containsString("\"field\":\"age\"")))
                .andExpect(content().string(containsString("mellan 4 och 20")));
        mvc.perform(post("/api/v1/rounds/{id}/participants", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"age\": \"tolv\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** The id itself and the per-request CSRF token are the only differences allowed. */
    private static String normalised(String body, long id) {
        return body.replaceAll("/" + id + "(?=[/\"?]|$)", "/ID").replaceAll("(name=\"_csrf\" (content|value)=)\"[^\"]*\"", "$1");
    }

    record Route(String method, String path, boolean round) {
        MockHttpServletRequestBuilder request(long id) {
            var url = String.format(path, id);
            var builder = switch (method) {
                case "GET" -> get(url);
                case "POST" -> post(url);
                default -> put(url);
            };
            return path.startsWith("/api") && !method.equals("GET")
                    ? builder.contentType(MediaType.APPLICATION_JSON).content("{}") : builder;
        }
    }
}
