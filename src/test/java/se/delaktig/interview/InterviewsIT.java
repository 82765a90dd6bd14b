package se.delaktig.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class InterviewsIT {

    /** A valid Swedish personal identity number (date and Luhn check both pass). */
    private static final String IDENTITY_NUMBER = "150312-1236";

    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RoundService rounds;
    @Autowired
    ParticipantService participants;
    @Autowired
    Interviews interviews;
    @Autowired
    InterviewResults results;
    @Autowired
    AuditLog audit;
    @Autowired
    MockMvc mvc;

    /** One round with its own small guide (one question of each type) and one assigned child. */
    record World(TestFixtures.Org org, long guideId, long roundId, long participantId, long yesNo, long choice,
                 long number, long freeText) {

        String interviewer() {
            return org.interviewers().get(0);
        }

        String otherInterviewer() {
            return org.interviewers().get(1);
        }
    }

    World world() {
        var org = fixtures.organisation();
        var guideId = jdbc.sql("insert into guide (name, version) values (?, 1) returning id")
                .param("Testguide " + org.suffix()).query(Long.class).single();
        var areaId = jdbc.sql("""
                insert into guide_area (guide_id, position, code, title, intro) values (?, 1, 'kontakt', 'Kontakt', 'Om kontakten')
                returning id""").param(guideId).query(Long.class).single();
        var yesNo = question(areaId, 1, "vet", "YES_NO_DONT_KNOW", "Vet du vem din socialsekreterare är?", "Fråga vidare om hur");
        var choice = question(areaId, 2, "hur_ofta", "SINGLE_CHOICE", "Hur ofta vill du träffas?", null);
        var number = question(areaId, 3, "antal", "NUMBER", "Hur många socialsekreterare har du haft?", null);
        var freeText = question(areaId, 4, "onskan", "FREE_TEXT", "Vad önskar du av socialtjänsten?", null);
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan("Omgång " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
        var participantId = addChild(org, round.id(), "Alva");
        return new World(org, guideId, round.id(), participantId, yesNo, choice, number, freeText);
    }

    private long question(long areaId, int position, String key, String type, String text, String prompt) {
        return jdbc.sql("""
                insert into guide_question (area_id, position, question_key, type, text, interviewer_prompt, options)
                values (?, ?, ?, ?, ?, ?, case when ? = 'SINGLE_CHOICE' then array['Oftare', 'Som nu', 'Mer sällan'] else '{}' end)
                returning id""")
                .params(areaId, position, key, type, text, prompt, type).query(Long.class).single();
    }

    /** Adds a consenting child with the third interviewer as case worker, assigned to the first interviewer. */
    private long addChild(TestFixtures.Org org, long roundId, String firstName) {
        return TestFixtures.as(org.processLead(), () -> {
            var participant = participants.add(roundId, new ParticipantService.NewParticipant(12, null, firstName, null,
                    List.of(org.interviewerIds().get(2)), List.of()));
            participants.recordConsent(participant.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(participant.id(), org.interviewerIds().get(0));
            return participant.id();
        });
    }

    private long openAs(World w) {
        return TestFixtures.as(w.interviewer(), () -> interviews.open(w.participantId())).id();
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF")).with(csrf());
    }

    // -------------------------------------------------------------------------------------------

    @Test
    void assignedInterviewerSavesADraftAndFindsItAgain() throws Exception {
        var w = world();
        var opened = mvc.perform(as(post("/participants/{id}/interview", w.participantId()), w.interviewer()))
                .andExpect(status().is3xxRedirection()).andReturn();
        var location = opened.getResponse().getRedirectedUrl();
        assertThat(location).matches("/interviews/\\d+");
        var id = Long.parseLong(location.substring("/interviews/".length()));

        mvc.perform(as(get(location), w.interviewer()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Vet du vem din socialsekreterare är?")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Fråga vidare om hur")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Alva")));

        mvc.perform(as(post(location), w.interviewer())
                        .param("version", "0")
                        .param("answers[" + w.yesNo() + "].value", "YES")
                        .param("answers[" + w.yesNo() + "].childWords", "Hon heter något med A, tror jag")
                        .param("answers[" + w.choice() + "].value", "Oftare")
                        .param("answers[" + w.number() + "].value", "3")
                        .param("answers[" + w.freeText() + "].childWords", "Att de lyssnar på riktigt")
                        .param("answers[" + w.freeText() + "].notes", "Barnet var tyst länge först")
                        .param("notes", "Samtalet hölls på biblioteket")
                        .param("action", "save"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(location));

        var page = mvc.perform(as(get(location), w.interviewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Att de lyssnar på riktigt", "Barnet var tyst länge först",
                "Samtalet hölls på biblioteket", "Hon heter något med A, tror jag", "Sparad ");
        assertThat(page).containsPattern("value=\"YES\"\\s+checked|checked[^>]*value=\"YES\"");

        var view = TestFixtures.as(w.interviewer(), () -> interviews.get(id));
        assertThat(view.status()).isEqualTo(Interviews.DRAFT);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.editable()).isTrue();
        assertThat(view.answers().get(w.number()).value()).isEqualTo("3");
        assertThat(view.answers().get(w.choice()).value()).isEqualTo("Oftare");

        var mine = TestFixtures.as(w.interviewer(), () -> interviews.mine());
        assertThat(mine).singleElement().satisfies(m -> {
            assertThat(m.interviewId()).isEqualTo(id);
            assertThat(m.status()).isEqualTo(Interviews.DRAFT);
            assertThat(m.pseudonym()).isEqualTo("B01");
        });
        mvc.perform(as(get("/interviews"), w.interviewer()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("B01")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Utkast")));
    }

    @Test
    void myInterviewsListsChildrenNotYetStarted() {
        var w = world();
        var mine = TestFixtures.as(w.interviewer(), () -> interviews.mine());
        assertThat(mine).singleElement().satisfies(m -> {
            assertThat(m.interviewId()).isNull();
            assertThat(m.status()).isEqualTo(Interviews.NOT_STARTED);
            assertThat(m.roundTitle()).isEqualTo("Omgång " + w.org().suffix());
        });
        assertThat(TestFixtures.as(w.otherInterviewer(), () -> interviews.mine())).isEmpty();
    }

    @Test
    void completingMakesTheInterviewReadOnlyUntilReopened() throws Exception {
        var w = world();
        var id = openAs(w);
        mvc.perform(as(post("/interviews/{id}", id), w.interviewer())
                        .param("version", "0")
                        .param("answers[" + w.yesNo() + "].value", "NO")
                        .param("action", "complete"))
                .andExpect(status().is3xxRedirection());

        var view = TestFixtures.as(w.interviewer(), () -> interviews.get(id));
        assertThat(view.status()).isEqualTo(Interviews.COMPLETE);
        assertThat(view.completedAt()).isNotNull();
        assertThat(view.editable()).isFalse();
        mvc.perform(as(get("/interviews/{id}", id), w.interviewer()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("kan bara läsas")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Spara utkast"))));

        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(),
                () -> interviews.save(id, view.version(), List.of(), "ändrat")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("interview.alreadyComplete"));

        mvc.perform(as(get("/interviews/{id}", id), w.org().processLead()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Öppna intervjun igen")));
        mvc.perform(as(post("/interviews/{id}/reopen", id), w.org().processLead()))
                .andExpect(status().is3xxRedirection());
        var reopened = TestFixtures.as(w.interviewer(), () -> interviews.get(id));
        assertThat(reopened.status()).isEqualTo(Interviews.DRAFT);
        assertThat(reopened.editable()).isTrue();
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.save(id, reopened.version(),
                List.of(new AnswerInput(w.yesNo(), "DONT_KNOW", null, null)), null));
        assertThat(saved.answers().get(w.yesNo()).value()).isEqualTo("DONT_KNOW");
    }

    @Test
    void theTeamReadsCompletedInterviewsButOnlyTheAssignedInterviewerEdits() throws Exception {
        var w = world();
        var id = openAs(w);
        var other = w.otherInterviewer();

        // A draft belongs to its interviewer alone.
        mvc.perform(as(get("/interviews/{id}", id), other)).andExpect(status().isNotFound());
        mvc.perform(as(post("/participants/{id}/interview", w.participantId()), other)).andExpect(status().isNotFound());
        mvc.perform(as(get("/interviews/{id}", id), w.org().manager())).andExpect(status().isNotFound());

        var completed = TestFixtures.as(w.interviewer(), () -> interviews.complete(id, 0));

        // Complete, but the unit reads it only once the process lead has reviewed the names and opened the round.
        mvc.perform(as(get("/interviews/{id}", id), other)).andExpect(status().isNotFound());
        mvc.perform(as(get("/interviews/{id}", id), w.org().manager())).andExpect(status().isNotFound());
        mvc.perform(as(get("/interviews/{id}", id), w.org().processLead())).andExpect(status().isOk());
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(w.roundId()).stage() != se.delaktig.round.Stage.ANALYSIS) {
                rounds.advance(w.roundId());
            }
            interviews.openForReading(w.roundId(), false);
        });

        mvc.perform(as(get("/interviews/{id}", id), other)).andExpect(status().isOk());
        mvc.perform(as(get("/interviews/{id}", id), w.org().manager())).andExpect(status().isOk());
        mvc.perform(as(post("/interviews/{id}", id), other)
                        .param("version", String.valueOf(completed.version()))
                        .param("answers[" + w.yesNo() + "].value", "YES"))
                .andExpect(status().isNotFound());
        mvc.perform(as(post("/interviews/{id}/reopen", id), other)).andExpect(status().isNotFound());
        mvc.perform(as(post("/interviews/{id}/reflection", id), other).param("reflection", "Inte min"))
                .andExpect(status().isNotFound());
        mvc.perform(as(put("/api/v1/interviews/{id}", id), other).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": " + completed.version() + ", \"answers\": []}"))
                .andExpect(status().isNotFound());

        var read = TestFixtures.as(other, () -> interviews.get(id));
        assertThat(read.editable()).isFalse();
        assertThat(read.status()).isEqualTo(Interviews.COMPLETE);
    }

    @Test
    void anotherMunicipalityGetsNotFoundOnEveryRoute() throws Exception {
        var w = world();
        var id = openAs(w);
        var stranger = fixtures.organisation();
        for (var username : List.of(stranger.processLead(), stranger.interviewers().get(0))) {
            mvc.perform(as(get("/interviews/{id}", id), username)).andExpect(status().isNotFound());
            mvc.perform(as(post("/interviews/{id}", id), username).param("version", "0").param("notes", "x"))
                    .andExpect(status().isNotFound());
            mvc.perform(as(post("/interviews/{id}/reopen", id), username)).andExpect(status().isNotFound());
            mvc.perform(as(get("/interviews/{id}/reflection", id), username)).andExpect(status().isNotFound());
            mvc.perform(as(post("/interviews/{id}/reflection", id), username).param("reflection", "x"))
                    .andExpect(status().isNotFound());
            mvc.perform(as(post("/participants/{id}/interview", w.participantId()), username))
                    .andExpect(status().isNotFound());
            mvc.perform(as(get("/api/v1/interviews/{id}", id), username))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(as(put("/api/v1/interviews/{id}", id), username).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"version\": 0, \"notes\": \"x\", \"answers\": []}"))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(as(post("/api/v1/interviews/{id}/complete", id), username).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"version\": 0}"))
                    .andExpect(status().isNotFound());
        }
        // A missing interview answers exactly the same.
        mvc.perform(as(get("/api/v1/interviews/{id}", Long.MAX_VALUE), w.interviewer())).andExpect(status().isNotFound());
        mvc.perform(as(get("/interviews/{id}", "abc"), w.interviewer())).andExpect(status().isNotFound());
        // Nothing was changed by the attempts.
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(id)).version()).isZero();
    }

    @Test
    void identityNumberInTheChildsWordsIsRejectedAndNothingTypedIsLost() throws Exception {
        var w = world();
        var id = openAs(w);
        var page = mvc.perform(as(post("/interviews/{id}", id), w.interviewer())
                        .param("version", "0")
                        .param("answers[" + w.yesNo() + "].value", "YES")
                        .param("answers[" + w.yesNo() + "].childWords", "Mitt nummer är " + IDENTITY_NUMBER)
                        .param("answers[" + w.yesNo() + "].notes", "Anteckning om frågan")
                        .param("answers[" + w.choice() + "].value", "Som nu")
                        .param("answers[" + w.number() + "].value", "4")
                        .param("answers[" + w.freeText() + "].childWords", "Att få vara med när de bestämmer")
                        .param("notes", "Fri anteckning som inte får försvinna")
                        .param("action", "save"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("ser ut att innehålla ett personnummer",
                "Mitt nummer är " + IDENTITY_NUMBER, "Anteckning om frågan", "Att få vara med när de bestämmer",
                "Fri anteckning som inte får försvinna", "value=\"4\"");
        assertThat(page).containsPattern("value=\"Som nu\"\\s+checked|checked[^>]*value=\"Som nu\"");
        var wordsId = "q" + w.yesNo() + "-words";
        assertThat(page).containsPattern("id=\"" + wordsId + "\"[^>]*aria-invalid=\"true\"");
        assertThat(page).containsPattern("aria-describedby=\"" + wordsId + "-error\"");
        assertThat(page).contains("id=\"" + wordsId + "-error\"", "href=\"#" + wordsId + "\"");

        var stored = TestFixtures.as(w.interviewer(), () -> interviews.get(id));
        assertThat(stored.version()).isZero();
        assertThat(stored.answers()).isEmpty();
        assertThat(stored.notes()).isNull();
    }

    @Test
    void structuredValuesMustFitTheQuestion() {
        var w = world();
        var id = openAs(w);
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> interviews.save(id, 0, List.of(
                new AnswerInput(w.yesNo(), "MAYBE", null, null),
                new AnswerInput(w.choice(), "Varje dag", null, null),
                new AnswerInput(w.number(), "1000", null, null),
                new AnswerInput(w.freeText(), "YES", null, null),
                new AnswerInput(987_654_321L, "YES", null, null)), null)))
                .isInstanceOfSatisfying(InvalidAnswersException.class, e -> assertThat(e.problems())
                        .extracting(InvalidAnswersException.Problem::field, InvalidAnswersException.Problem::messageKey)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("answers[" + w.yesNo() + "].value", "interview.value.yesNo"),
                                org.assertj.core.groups.Tuple.tuple("answers[" + w.choice() + "].value", "interview.value.option"),
                                org.assertj.core.groups.Tuple.tuple("answers[" + w.number() + "].value", "interview.value.number"),
                                org.assertj.core.groups.Tuple.tuple("answers[" + w.freeText() + "].value", "interview.value.freeText"),
                                org.assertj.core.groups.Tuple.tuple("answers[987654321].value", "interview.question.unknown")));
        var tooLong = "a".repeat(Interviews.MAX_TEXT + 1);
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> interviews.save(id, 0, List.of(), tooLong)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("notes");
                    assertThat(e.messageKey()).isEqualTo("interview.text.tooLong");
                });
    }

    @Test
    void aSaveBasedOnAnOldVersionIsRefusedAndOverwritesNothing() throws Exception {
        var w = world();
        var id = openAs(w);
        TestFixtures.as(w.interviewer(), () -> interviews.save(id, 0,
                List.of(new AnswerInput(w.yesNo(), "YES", "Första fliken", null)), null));

        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> interviews.save(id, 0,
                List.of(new AnswerInput(w.yesNo(), "NO", "Andra fliken", null)), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("version");
                    assertThat(e.messageKey()).isEqualTo("interview.conflict");
                });

        var page = mvc.perform(as(post("/interviews/{id}", id), w.interviewer())
                        .param("version", "0")
                        .param("answers[" + w.yesNo() + "].childWords", "Tredje fliken")
                        .param("action", "save"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("har sparats av någon annan", "Tredje fliken", "Öppna den sparade versionen");

        mvc.perform(as(put("/api/v1/interviews/{id}", id), w.interviewer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 0, \"answers\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));

        var stored = TestFixtures.as(w.interviewer(), () -> interviews.get(id));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.answers().get(w.yesNo())).isEqualTo(new AnswerView("YES", "Första fliken", null));
    }

    @Test
    void freeTextIsEncryptedAtRest() {
        var w = world();
        var id = openAs(w);
        var words = "Jag vill att min socialsekreterare ringer oftare";
        TestFixtures.as(w.interviewer(), () -> {
            interviews.save(id, 0, List.of(new AnswerInput(w.freeText(), null, words, "Anteckning i klartext?")),
                    "Fria anteckningar i klartext?");
            return interviews.saveReflection(id, "Reflektion i klartext?");
        });

        var stored = jdbc.sql("select child_words, notes from answer where interview_id = ? and question_id = ?")
                .params(id, w.freeText()).query((rs, n) -> List.of(rs.getBytes(1), rs.getBytes(2))).single();
        assertThat(stored.get(0)).isNotEmpty();
        assertThat(new String(stored.get(0), StandardCharsets.UTF_8)).doesNotContain("socialsekreterare");
        assertThat(new String(stored.get(1), StandardCharsets.UTF_8)).doesNotContain("klartext");
        var row = jdbc.sql("select notes, reflection from interview where id = ?").param(id)
                .query((rs, n) -> List.of(rs.getBytes(1), rs.getBytes(2))).single();
        assertThat(new String(row.get(0), StandardCharsets.UTF_8)).doesNotContain("klartext");
        assertThat(new String(row.get(1), StandardCharsets.UTF_8)).doesNotContain("klartext");

        var view = TestFixtures.as(w.interviewer(), () -> interviews.get(id));
        assertThat(view.answers().get(w.freeText()).childWords()).isEqualTo(words);
        assertThat(view.reflection().other()).isEqualTo("Reflektion i klartext?");
    }

    @Test
    void resultsCountOnlyCompletedInterviews() {
        var w = world();
        var second = addChild(w.org(), w.roundId(), "Bo");
        var first = openAs(w);
        var draft = TestFixtures.as(w.interviewer(), () -> interviews.open(second)).id();
        TestFixtures.run(w.interviewer(), () -> {
            interviews.save(first, 0, List.of(new AnswerInput(w.yesNo(), "YES", null, null)), null);
            interviews.complete(first, 1);
            interviews.save(draft, 0, List.of(new AnswerInput(w.yesNo(), "NO", null, null)), null);
        });

        var counted = TestFixtures.as(w.org().processLead(), () -> results.completed(w.roundId()));
        assertThat(counted.completedInterviews()).isEqualTo(1);
        assertThat(counted.answers()).singleElement().satisfies(a -> {
            assertThat(a.interviewId()).isEqualTo(first);
            assertThat(a.value()).isEqualTo("YES");
        });
    }

    @Test
    void reflectionIsSavedAndAnIdentityNumberInItIsRefusedWithTheTextKept() throws Exception {
        var w = world();
        var id = openAs(w);
        mvc.perform(as(get("/interviews/{id}/reflection", id), w.interviewer()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Vad överraskade dig?")));

        var page = mvc.perform(as(post("/interviews/{id}/reflection", id), w.interviewer())
                        .param("reflection", "Barnet nämnde " + IDENTITY_NUMBER + " och mycket annat"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("ser ut att innehålla ett personnummer", "och mycket annat", "aria-invalid=\"true\"");

        mvc.perform(as(post("/interviews/{id}/reflection", id), w.interviewer())
                        .param("reflection", "Jag blev förvånad över hur mycket barnet ville berätta."))
                .andExpect(status().is3xxRedirection());
        mvc.perform(as(get("/interviews/{id}", id), w.interviewer()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("hur mycket barnet ville berätta")));
        // Writing the reflection does not count as a save of the answers, so no open form goes stale.
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(id)).version()).isZero();
    }

    @Test
    void theApiSavesAndCompletesAndReportsBadInputAsProblems() throws Exception {
        var w = world();
        var id = openAs(w);
        mvc.perform(as(get("/api/v1/interviews/{id}", id), w.interviewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.pseudonym").value("B01"));

        mvc.perform(as(put("/api/v1/interviews/{id}", id), w.interviewer()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version": 0, "notes": "Via API",
                                 "answers": [{"questionId": %d, "value": "7"}, {"questionId": %d, "childWords": "Mitt nummer %s"}]}"""
                                .formatted(w.number(), w.freeText(), IDENTITY_NUMBER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("answers[" + w.freeText() + "].childWords"));

        mvc.perform(as(put("/api/v1/interviews/{id}", id), w.interviewer()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version": 0, "notes": "Via API", "answers": [{"questionId": %d, "value": "7"}]}"""
                                .formatted(w.number())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.answers['" + w.number() + "'].value").value("7"));

        mvc.perform(as(post("/api/v1/interviews/{id}/complete", id), w.interviewer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        mvc.perform(as(post("/api/v1/interviews/{id}/complete", id), w.interviewer()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETE"))
                .andExpect(jsonPath("$.editable").value(false));
    }

    @Test
    void onceTheAnalysisHasStartedTheInterviewCanNoLongerBeChanged() throws Exception {
        var w = world();
        var id = openAs(w);
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(w.roundId()).stage() != se.delaktig.round.Stage.ANALYSIS) {
                rounds.advance(w.roundId());
            }
        });
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> interviews.save(id, 0, List.of(), "sent")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("interview.stage.closed"));

        var page = mvc.perform(as(post("/interviews/{id}", id), w.interviewer())
                        .param("version", "0").param("notes", "Skrivet för sent men inte förlorat"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Analysen av omgången har börjat", "Skrivet för sent men inte förlorat");
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(id)).editable()).isFalse();
    }

    @Test
    void readsAndWritesAreAudited() {
        var w = world();
        var id = openAs(w);
        TestFixtures.run(w.interviewer(), () -> interviews.save(id, 0, List.of(), "Något"));
        TestFixtures.run(w.otherInterviewer(), () -> {
            try {
                interviews.get(id);
            } catch (NotFoundException expected) {
                // the refusal itself is what this test looks for in the log
            }
        });
        var entries = audit.find(new AuditLog.Filter(null, "interview", String.valueOf(id), null, null), 50);
        assertThat(entries).extracting(AuditLog.Entry::actor, AuditLog.Entry::action, AuditLog.Entry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple(w.interviewer(), "CREATE", "SUCCESS"),
                        org.assertj.core.groups.Tuple.tuple(w.interviewer(), "READ", "SUCCESS"),
                        org.assertj.core.groups.Tuple.tuple(w.interviewer(), "SAVE", "SUCCESS"),
                        org.assertj.core.groups.Tuple.tuple(w.otherInterviewer(), "READ", "DENIED"));
        assertThat(entries).allSatisfy(e -> assertThat(e.unitId()).isEqualTo(w.org().unitId()));
    }
}
