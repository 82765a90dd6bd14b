package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Counts;
import se.delaktig.audit.AuditLog;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.web.InvalidInputException;

@IntegrationTest
@RecordApplicationEvents
class ConsentIT {

    /** A valid Swedish personal identity number (date and Luhn check both pass). */
    private static final String IDENTITY_NUMBER = "150312-1236";

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Organization organization;
    @Autowired Interviews interviews;
    @Autowired Counts counts;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired ApplicationEvents events;

    TestFixtures.Org org;

    @BeforeEach
    void organisation() {
        org = fixtures.organisation();
    }

    private Round newRound(long guideId) {
        return TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan("Omgång " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
    }

    private Round newRound() {
        return newRound(fixtures.smallGuide());
    }

    private Participant child(long roundId, int age, int guardians) {
        return TestFixtures.as(org.processLead(), () -> participants.add(roundId, new ParticipantService.NewParticipant(
                age, Gender.GIRL, "sv", ContactType.INVESTIGATION, "Saga", null, List.of(), List.of(), guardians)));
    }

    private ConsentState answer(Participant p, ConsentParty party, ChildAnswer answer) {
        return TestFixtures.as(org.processLead(), () -> participants.recordAnswer(p.id(), party, answer, null));
    }

    private Participant reload(Participant p) {
        return TestFixtures.as(org.processLead(), () -> participants.get(p.id()));
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF")).with(csrf());
    }

    @Test
    void atFourteenTheGuardiansMustConsentTooAtFifteenTheYoungPersonsYesIsEnough() {
        var round = newRound();
        var fourteen = child(round.id(), 14, 2);
        var fifteen = child(round.id(), 15, 2);
        assertThat(reload(fourteen).consentState()).isEqualTo(ConsentState.INVITED);

        assertThat(answer(fourteen, ConsentParty.CHILD, ChildAnswer.YES)).isEqualTo(ConsentState.ANSWERED);
        assertThat(reload(fourteen).consent()).isEqualTo(ConsentStatus.PENDING);
        assertThat(answer(fourteen, ConsentParty.GUARDIAN_1, ChildAnswer.YES)).isEqualTo(ConsentState.ANSWERED);
        assertThat(answer(fourteen, ConsentParty.GUARDIAN_2, ChildAnswer.YES)).isEqualTo(ConsentState.CONSENTED);
        assertThat(reload(fourteen).consent()).isEqualTo(ConsentStatus.CONSENTED);

        assertThat(answer(fifteen, ConsentParty.CHILD, ChildAnswer.YES)).isEqualTo(ConsentState.CONSENTED);
        // A guardian's no does not overrule a young person who decides alone.
        assertThat(answer(fifteen, ConsentParty.GUARDIAN_1, ChildAnswer.NO)).isEqualTo(ConsentState.CONSENTED);
    }

    @Test
    void aMunicipalityThatMovesTheAgeToSixteenNeedsTheGuardiansOfAFifteenYearOld() throws Exception {
        organization.createStaff("admin-" + org.suffix(), "Ada Administratör", null, null, TestFixtures.PASSWORD, true);
        mvc.perform(post("/admin/municipalities/{id}/consent-age", org.municipalityId())
                        .with(user("admin-" + org.suffix()).roles("STAFF", "ADMIN")).with(csrf()).param("ownConsentAge", "16"))
                .andExpect(status().is3xxRedirection());
        assertThat(organization.municipality(org.municipalityId()).orElseThrow().ownConsentAge()).isEqualTo(16);
        var round = newRound();
        var fifteen = child(round.id(), 15, 1);
        var sixteen = child(round.id(), 16, 1);

        assertThat(answer(fifteen, ConsentParty.CHILD, ChildAnswer.YES)).isEqualTo(ConsentState.ANSWERED);
        assertThat(answer(fifteen, ConsentParty.GUARDIAN_1, ChildAnswer.YES)).isEqualTo(ConsentState.CONSENTED);
        assertThat(answer(sixteen, ConsentParty.CHILD, ChildAnswer.YES)).isEqualTo(ConsentState.CONSENTED);

        mvc.perform(get("/participants/{id}", fifteen.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("Under 16 år behövs både barnets eget ja")));
        // An age outside 12–18 is refused next to the field, with what was typed kept.
        mvc.perform(post("/admin/municipalities/{id}/consent-age", org.municipalityId())
                        .with(user("admin-" + org.suffix()).roles("STAFF", "ADMIN")).with(csrf()).param("ownConsentAge", "9"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Skriv ett heltal från 12 till 18.")))
                .andExpect(content().string(containsString("value=\"9\"")));
        assertThat(organization.municipality(org.municipalityId()).orElseThrow().ownConsentAge()).isEqualTo(16);
    }

    @Test
    void zeroOneOrTwoGuardiansAnswer() {
        var round = newRound();
        var none = child(round.id(), 10, 0);
        var one = child(round.id(), 10, 1);
        var two = child(round.id(), 10, 2);

        assertThat(answer(none, ConsentParty.CHILD, ChildAnswer.YES)).isEqualTo(ConsentState.CONSENTED);

        assertThat(answer(one, ConsentParty.CHILD, ChildAnswer.YES)).isEqualTo(ConsentState.ANSWERED);
        var refused = catchThrowableOfType(InvalidInputException.class, () -> answer(one, ConsentParty.GUARDIAN_2, ChildAnswer.YES));
        assertThat(refused.field()).isEqualTo("guardian2");
        assertThat(answer(one, ConsentParty.GUARDIAN_1, ChildAnswer.YES)).isEqualTo(ConsentState.CONSENTED);

        answer(two, ConsentParty.CHILD, ChildAnswer.YES);
        answer(two, ConsentParty.GUARDIAN_1, ChildAnswer.YES);
        assertThat(answer(two, ConsentParty.GUARDIAN_2, ChildAnswer.NO)).isEqualTo(ConsentState.DECLINED);
        assertThat(reload(two).consent()).isEqualTo(ConsentStatus.DECLINED);

        // Recording that the second guardian is not to answer after all leaves the first guardian's yes.
        TestFixtures.run(org.processLead(), () -> participants.setGuardians(two.id(), 1));
        assertThat(reload(two).consentState()).isEqualTo(ConsentState.CONSENTED);
    }

    @Test
    void aDeclineMayCarryAReasonButNeverAnIdentityNumber() throws Exception {
        var round = newRound();
        var p = child(round.id(), 12, 1);
        var refused = catchThrowableOfType(InvalidInputException.class, () -> TestFixtures.as(org.processLead(),
                () -> participants.recordAnswer(p.id(), ConsentParty.CHILD, ChildAnswer.NO, "Vill inte, pnr " + IDENTITY_NUMBER)));
        assertThat(refused.field()).isEqualTo("reason");
        assertThat(refused.messageKey()).isEqualTo("privacy.identityNumber");
        assertThat(TestFixtures.as(org.processLead(), () -> participants.history(p.id()))).hasSize(1);

        mvc.perform(as(post("/participants/{id}/consent", p.id()), org.processLead())
                        .param("child", "NO").param("reason", "Orkar inte just nu " + IDENTITY_NUMBER))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("personnummer")))
                .andExpect(content().string(containsString("Orkar inte just nu " + IDENTITY_NUMBER)))
                .andExpect(content().string(containsString("aria-describedby=\"reason-hint reason-error\"")));
        assertThat(reload(p).consentState()).isEqualTo(ConsentState.INVITED);

        mvc.perform(as(post("/participants/{id}/consent", p.id()), org.processLead())
                        .param("child", "NO").param("reason", "Orkar inte just nu"))
                .andExpect(status().is3xxRedirection());
        var history = TestFixtures.as(org.processLead(), () -> participants.history(p.id()));
        assertThat(history.get(1).reason()).isEqualTo("Orkar inte just nu");
        // Stored encrypted: the words are not in the database as text.
        var stored = jdbc.sql("select reason from consent_event where id = ?").param(history.get(1).id()).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Orkar");

        // The API refuses the same with a problem naming the field.
        mvc.perform(as(post("/api/v1/participants/{id}/consent-answers", p.id()), org.processLead())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"party\":\"GUARDIAN_1\",\"answer\":\"NO\",\"reason\":\"" + IDENTITY_NUMBER + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("\"field\":\"reason\"")));
    }

    @Test
    void theHistoryKeepsEveryAnswerInOrderAndThePageShowsIt() throws Exception {
        var round = newRound();
        var p = child(round.id(), 11, 1);
        answer(p, ConsentParty.CHILD, ChildAnswer.YES);
        TestFixtures.as(org.processLead(), () -> participants.recordAnswer(p.id(), ConsentParty.GUARDIAN_1, ChildAnswer.NO, "Vill vänta till hösten"));
        answer(p, ConsentParty.GUARDIAN_1, ChildAnswer.YES);
        // The same answer again adds nothing.
        answer(p, ConsentParty.GUARDIAN_1, ChildAnswer.YES);

        var history = TestFixtures.as(org.processLead(), () -> participants.history(p.id()));
        assertThat(history).extracting(ConsentEvent::kind, ConsentEvent::party, ConsentEvent::answer).containsExactly(
                tuple(ConsentEvent.Kind.INVITED, null, null),
                tuple(ConsentEvent.Kind.ANSWER, ConsentParty.CHILD, ChildAnswer.YES),
                tuple(ConsentEvent.Kind.ANSWER, ConsentParty.GUARDIAN_1, ChildAnswer.NO),
                tuple(ConsentEvent.Kind.ANSWER, ConsentParty.GUARDIAN_1, ChildAnswer.YES));
        assertThat(history).extracting(ConsentEvent::recordedBy).containsOnly(org.processLead());
        assertThat(reload(p).consentState()).isEqualTo(ConsentState.CONSENTED);

        var page = mvc.perform(get("/participants/{id}", p.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Samtyckets historik för B01", "Vill vänta till hösten");
        assertThat(page.indexOf("Svarade nej")).isLessThan(page.lastIndexOf("Svarade ja"));
        // Reasons are for the process lead: the unit manager sees the state, not the history.
        mvc.perform(get("/participants/{id}", p.id()).with(user(org.manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Vill vänta till hösten"))));
        mvc.perform(get("/api/v1/participants/{id}/consent-history", p.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[2].reason").value("Vill vänta till hösten"));
    }

    @Test
    void withdrawalRemovesTheChildsAnswersFromTheCountsAndIsAudited() throws Exception {
        var round = newRound();
        var yesNo = jdbc.sql("""
                select q.id from guide_question q join guide_area a on a.id = q.area_id join round r on r.guide_id = a.guide_id
                where r.id = ? and q.type = 'YES_NO_DONT_KNOW'""").param(round.id()).query(Long.class).single();
        var first = child(round.id(), 16, 0);
        var second = child(round.id(), 16, 0);
        TestFixtures.run(org.processLead(), () -> {
            participants.recordAnswer(first.id(), ConsentParty.CHILD, ChildAnswer.YES, null);
            participants.recordAnswer(second.id(), ConsentParty.CHILD, ChildAnswer.YES, null);
            participants.assign(first.id(), org.interviewerIds().get(0));
            participants.assign(second.id(), org.interviewerIds().get(1));
            rounds.advance(round.id());
            rounds.advance(round.id());
            rounds.advance(round.id());
        });
        var firstInterview = interview(first.id(), org.interviewers().get(0), yesNo, "YES");
        interview(second.id(), org.interviewers().get(1), yesNo, "NO");
        assertThat(TestFixtures.as(org.processLead(), () -> counts.forRound(round.id())).completedInterviews()).isEqualTo(2);

        mvc.perform(as(post("/participants/{id}/withdrawal", first.id()), org.processLead())
                        .param("withdrawalParty", "CHILD").param("withdrawalReason", "Ångrade sig"))
                .andExpect(status().is3xxRedirection());

        var after = TestFixtures.as(org.processLead(), () -> counts.forRound(round.id()));
        assertThat(after.completedInterviews()).isEqualTo(1);
        var cells = after.areas().get(0).questions().stream().filter(q -> q.questionId() == yesNo).findFirst().orElseThrow().distribution();
        assertThat(cells).filteredOn(c -> c.value().equals("YES")).extracting(se.delaktig.analysis.RoundCounts.Cell::count).containsExactly(0);
        assertThat(jdbc.sql("select count(*) from interview where participant_id = ?").param(first.id()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from answer where interview_id = ?").param(firstInterview).query(Integer.class).single()).isZero();

        assertThat(events.stream(ConsentWithdrawn.class)).containsExactly(new ConsentWithdrawn(round.id(), first.id()));
        var entries = audit.find(new AuditLog.Filter(null, "interview", String.valueOf(firstInterview), null, null), 10);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("WITHDRAW_ANSWERS");
            assertThat(e.actor()).isEqualTo(org.processLead());
            assertThat(e.unitId()).isEqualTo(org.unitId());
        });
        assertThat(audit.find(new AuditLog.Filter(null, "participant", String.valueOf(first.id()), null, null), 50))
                .extracting(AuditLog.Entry::action).contains("WITHDRAW_CONSENT");

        var withdrawn = reload(first);
        assertThat(withdrawn.consent()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawn.interviewerId()).isNull();
        var refused = catchThrowableOfType(InvalidInputException.class, () -> TestFixtures.run(org.processLead(),
                () -> participants.assign(first.id(), org.interviewerIds().get(2))));
        assertThat(refused.field()).isEqualTo("interviewerId");
        var again = catchThrowableOfType(InvalidInputException.class, () -> answer(first, ConsentParty.CHILD, ChildAnswer.YES));
        assertThat(again.messageKey()).isEqualTo("consent.withdrawn.final");
        mvc.perform(get("/participants/{id}", first.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("Samtycket är återkallat")))
                .andExpect(content().string(containsString("Ångrade sig")));
        mvc.perform(get("/rounds/{id}", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("Har återkallat")));
    }

    private long interview(long participantId, String interviewer, long questionId, String value) {
        return TestFixtures.as(interviewer, () -> {
            var opened = interviews.open(participantId);
            var saved = interviews.save(opened.id(), opened.version(), List.of(new AnswerInput(questionId, value, null, null)), null);
            interviews.complete(saved.id(), saved.version());
            return opened.id();
        });
    }

    @Test
    void theAddFormStoresLanguageTypeOfContactAndGuardians() throws Exception {
        var round = newRound();
        mvc.perform(get("/rounds/{id}/participants/new", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("<option value=\"ar\">arabiska</option>")));
        mvc.perform(as(post("/rounds/{id}/participants", round.id()), org.processLead())
                        .param("age", "9").param("firstName", "Amal").param("language", "ar")
                        .param("contactType", "PLACEMENT").param("guardians", "1"))
                .andExpect(status().is3xxRedirection());
        var added = TestFixtures.as(org.processLead(), () -> participants.of(round.id())).get(0);
        assertThat(added.language()).isEqualTo("ar");
        assertThat(added.contactType()).isEqualTo(ContactType.PLACEMENT);
        assertThat(added.guardians()).isEqualTo(1);
        mvc.perform(get("/participants/{id}", added.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("arabiska")))
                .andExpect(content().string(containsString("Placering")));
        mvc.perform(get("/api/v1/participants/{id}", added.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(jsonPath("$.language").value("ar"))
                .andExpect(jsonPath("$.contactType").value("PLACEMENT"))
                .andExpect(jsonPath("$.guardians").value(1))
                .andExpect(jsonPath("$.consentState").value("INVITED"));
        mvc.perform(as(post("/api/v1/rounds/{id}/participants", round.id()), org.processLead())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"age\":13,\"firstName\":\"Liban\",\"language\":\"so\",\"contactType\":\"INTERVENTION\",\"guardians\":3}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("\"field\":\"guardians\"")));
    }

    @Test
    void theLetterDatesAreRecordedAndShown() throws Exception {
        var round = newRound();
        var p = child(round.id(), 9, 2);
        mvc.perform(as(post("/participants/{id}/letters/child/sent", p.id()), org.processLead()).param("sentOn", "2026-02-03"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(as(put("/api/v1/participants/{id}/letters/GUARDIANS", p.id()), org.processLead())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"sentOn\":\"2026-02-04\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.CHILD").value("2026-02-03"))
                .andExpect(jsonPath("$.GUARDIANS").value("2026-02-04"));
        mvc.perform(get("/participants/{id}", p.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("Skickat 2026-02-03.")))
                .andExpect(content().string(containsString("Skickat 2026-02-04.")));
        mvc.perform(get("/rounds/{id}", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("Barnet 2026-02-03")))
                .andExpect(content().string(containsString("Vårdnadshavare 2026-02-04")));
        var tomorrow = LocalDate.now(AuditLog.ZONE).plusDays(1).toString();
        mvc.perform(as(post("/participants/{id}/letters/guardians/sent", p.id()), org.processLead()).param("sentOn", tomorrow))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Datumet kan inte ligga i framtiden")))
                .andExpect(content().string(containsString("id=\"sentOn-GUARDIANS-error\"")));
    }

    @Test
    void everyNewRouteAnswersAnotherMunicipalityExactlyLikeAMissingRecord() throws Exception {
        var round = newRound();
        var p = child(round.id(), 12, 2);
        var stranger = fixtures.organisation();
        var routes = List.of(
                new Route("POST", "/participants/%d/consent", "child=YES"),
                new Route("POST", "/participants/%d/guardians", "guardians=1"),
                new Route("POST", "/participants/%d/withdrawal", "withdrawalParty=CHILD"),
                new Route("POST", "/participants/%d/letters/child/sent", "sentOn=2026-01-10"),
                new Route("GET", "/api/v1/participants/%d/consent-history", null),
                new Route("POST", "/api/v1/participants/%d/consent-answers", "{\"party\":\"CHILD\",\"answer\":\"YES\"}"),
                new Route("POST", "/api/v1/participants/%d/withdrawal", "{\"party\":\"CHILD\"}"),
                new Route("PUT", "/api/v1/participants/%d/letters/CHILD", "{\"sentOn\":\"2026-01-10\"}"));
        for (var route : routes) {
            for (var who : List.of(stranger.processLead(), org.interviewers().get(0), org.manager())) {
                var forOther = mvc.perform(route.request(p.id(), who)).andReturn().getResponse();
                var forMissing = mvc.perform(route.request(p.id() + 1_000_000, who)).andReturn().getResponse();
                assertThat(forOther.getStatus()).as(who + " " + route.method() + " " + route.path()).isEqualTo(404);
                assertThat(forMissing.getStatus()).as(route.path()).isEqualTo(404);
                assertThat(normalised(forOther.getContentAsString(), p.id()))
                        .as(route.path()).isEqualTo(normalised(forMissing.getContentAsString(), p.id() + 1_000_000));
            }
        }
        assertThat(reload(p).consentState()).isEqualTo(ConsentState.INVITED);
        assertThat(reload(p).guardians()).isEqualTo(2);
    }

    /** The id itself and the per-request CSRF token are the only differences allowed. */
    static String normalised(String body, long id) {
        return body.replaceAll("/" + id + "(?=[/\"?]|$)", "/ID")
                .replaceAll("(name=\"_csrf\" (content|value)=)\"[^\"]*\"", "$1");
    }

    record Route(String method, String path, String body) {
        MockHttpServletRequestBuilder request(long id, String username) {
            var url = String.format(path, id);
            MockHttpServletRequestBuilder builder = switch (method) {
                case "GET" -> get(url);
                case "POST" -> post(url);
                default -> put(url);
            };
            builder = builder.with(user(username).roles("STAFF")).with(csrf());
            if (body == null) {
                return builder;
            }
            if (path.startsWith("/api")) {
                return builder.contentType(MediaType.APPLICATION_JSON).content(body);
            }
            var pair = body.split("=", 2);
            return builder.param(pair[0], pair[1]);
        }
    }
}
