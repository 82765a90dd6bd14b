package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.interview.InvalidAnswersException;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, point 5: a child's first name must not reach the whole unit through an interview's free
 * text. The interviewer cannot complete while their own child's name stands in it; the unit reads
 * the round's interviews only after the process lead has reviewed every key-list name in them and
 * opened them; and the demo names no child in its free text.
 */
@IntegrationTest
class InterviewNamesAttackIT {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Guides guides;
    @Autowired DatabaseMode mode;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    /** A round with Tyra (the first interviewer's child) and Hugo (the second's), both consenting. */
    record World(TestFixtures.Org org, long roundId, long tyra, long hugo, long questionId) {
    }

    World world() {
        var org = fixtures.organisation();
        var guide = guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten")).findFirst().orElseThrow();
        var questionId = guides.find(guide.id()).orElseThrow().questions().findFirst().orElseThrow().id();
        return TestFixtures.as(org.processLead(), () -> {
            var round = rounds.create(org.unitId(), guide.id(), new RoundService.Plan("Namnomgång " + org.suffix(),
                    LocalDate.of(2026, 2, 1), LocalDate.of(2026, 10, 31), 4, null));
            var tyra = child(round.id(), "Tyra", org.interviewerIds().get(0));
            var hugo = child(round.id(), "Hugo", org.interviewerIds().get(1));
            return new World(org, round.id(), tyra, hugo, questionId);
        });
    }

    @Test
    void anInterviewerCannotCompleteWithTheirChildsNameInTheNotesAndReplacesItInOneStep() throws Exception {
        var w = world();
        var interviewer = w.org().interviewers().get(0);
        var opened = TestFixtures.as(interviewer, () -> interviews.open(w.tyra()));
        var notes = "Tyra ville sitta vid fönstret. Tyras mamma väntade utanför.";

        // Saving keeps what was typed and flags the name beside the field, with both replacements.
        var saved = TestFixtures.as(interviewer, () -> interviews.save(opened.id(), opened.version(),
                InterviewDraft.of(List.of(new AnswerInput(w.questionId(), null, "Det var bra, sa Tyra.", null)), notes)));
        assertThat(saved.notes()).isEqualTo(notes);
        var page = mvc.perform(as(get("/interviews/{id}", opened.id()), interviewer)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Barnets förnamn ”Tyra” står här.", "Ersätt ”Tyra” med B01", "Ersätt ”Tyra” med [barnet]",
                "value=\"name:notes:" + w.tyra() + ":P\"");

        // Completing is refused, naming every field, by the service, the page and the API.
        assertThatThrownBy(() -> TestFixtures.as(interviewer, () -> interviews.complete(opened.id(), saved.version())))
                .isInstanceOfSatisfying(InvalidAnswersException.class, e -> assertThat(e.problems())
                        .extracting(InvalidAnswersException.Problem::field)
                        .containsExactly("answers[" + w.questionId() + "].childWords", "notes"));
        var refused = mvc.perform(as(post("/interviews/{id}", opened.id()), interviewer)
                .param("version", String.valueOf(saved.version())).param("notes", notes + " Hej då, Tyra!")
                .param("answers[" + w.questionId() + "].childWords", "Det var bra, sa Tyra.").param("action", "complete"))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Barnets förnamn ”Tyra” står kvar i de fria anteckningarna",
                        "Barnets förnamn ”Tyra” står kvar i barnets egna ord vid fråga 1", notes + " Hej då, Tyra!");
        var current = TestFixtures.as(interviewer, () -> interviews.get(opened.id()));
        assertThat(current.status()).isEqualTo(Interviews.DRAFT);
        assertThat(current.notes()).as("nothing typed is lost").isEqualTo(notes + " Hej då, Tyra!");
        var api = mvc.perform(as(post("/api/v1/interviews/{id}/complete", opened.id()), interviewer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": " + current.version() + "}")).andReturn();
        assertThat(api.getResponse().getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(api.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("answers[" + w.questionId() + "].childWords");

        // One step each: the pseudonym in the notes (the genitive kept), "[barnet]" in the child's words.
        mvc.perform(as(post("/interviews/{id}", opened.id()), interviewer).param("version", String.valueOf(current.version()))
                .param("notes", current.notes()).param("answers[" + w.questionId() + "].childWords", "Det var bra, sa Tyra.")
                .param("action", "name:notes:" + w.tyra() + ":P")).andReturn();
        var afterOne = TestFixtures.as(interviewer, () -> interviews.get(opened.id()));
        assertThat(afterOne.notes()).isEqualTo("B01 ville sitta vid fönstret. B01:s mamma väntade utanför. Hej då, B01!");
        mvc.perform(as(post("/interviews/{id}", opened.id()), interviewer).param("version", String.valueOf(afterOne.version()))
                .param("notes", afterOne.notes()).param("answers[" + w.questionId() + "].childWords", "Det var bra, sa Tyra.")
                .param("action", "name:answers[" + w.questionId() + "].childWords:" + w.tyra() + ":C")).andReturn();
        var afterTwo = TestFixtures.as(interviewer, () -> interviews.get(opened.id()));
        assertThat(afterTwo.answers().get(w.questionId()).childWords()).isEqualTo("Det var bra, sa [barnet].");

        // The reflection is checked too, also once the interview is complete.
        TestFixtures.run(interviewer, () -> interviews.saveReflection(opened.id(), "Tyra var modig."));
        assertThatThrownBy(() -> TestFixtures.as(interviewer, () -> interviews.complete(opened.id(), afterTwo.version())))
                .isInstanceOfSatisfying(InvalidAnswersException.class, e -> assertThat(e.problems())
                        .extracting(InvalidAnswersException.Problem::field).containsExactly("reflection"));
        TestFixtures.run(interviewer, () -> interviews.saveReflection(opened.id(), "B01 var modig."));
        TestFixtures.run(interviewer, () -> interviews.complete(opened.id(), afterTwo.version()));
        assertThatThrownBy(() -> TestFixtures.run(interviewer, () -> interviews.saveReflection(opened.id(), "Tyra igen.")))
                .isInstanceOf(InvalidAnswersException.class);
    }

    @Test
    void anotherUnitMemberCannotReadTheRoundsInterviewsBeforeTheProcessLeadOpenedThem() throws Exception {
        var w = world();
        var interviewer = w.org().interviewers().get(0);
        var other = w.org().interviewers().get(1);
        var id = complete(interviewer, w.tyra(), "Barnet ville prata om skolan.");

        for (var reader : List.of(other, w.org().manager())) {
            assertThat(status(get("/interviews/{id}", id), reader)).isEqualTo(404);
            assertThat(status(get("/api/v1/interviews/{id}", id), reader)).isEqualTo(404);
            assertThat(TestFixtures.as(reader, () -> interviews.textsForCoding(w.roundId()))).isEmpty();
            assertThat(status(get("/rounds/{id}/interview-names", w.roundId()), reader)).isEqualTo(404);
            assertThat(status(post("/rounds/{id}/interview-names/open", w.roundId()), reader)).isEqualTo(404);
        }
        // Their own interview the interviewer reads as always; the process lead reads everything to review it.
        assertThat(status(get("/interviews/{id}", id), interviewer)).isEqualTo(200);
        assertThat(status(get("/interviews/{id}", id), w.org().processLead())).isEqualTo(200);

        // Opening waits for the analysis, when no interview can change any more.
        assertThatThrownBy(() -> TestFixtures.run(w.org().processLead(), () -> interviews.openForReading(w.roundId(), false)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("namecheck.open.tooEarly"));
        toAnalysis(w);
        assertThat(status(get("/interviews/{id}", id), other)).isEqualTo(404);
        var opened = mvc.perform(as(post("/rounds/{id}/interview-names/open", w.roundId()), w.org().processLead())).andReturn();
        assertThat(opened.getResponse().getStatus()).isEqualTo(302);

        for (var reader : List.of(other, w.org().manager())) {
            assertThat(status(get("/interviews/{id}", id), reader)).isEqualTo(200);
            assertThat(TestFixtures.as(reader, () -> interviews.textsForCoding(w.roundId()))).isNotEmpty();
        }
    }

    @Test
    void theProcessLeadReviewsEveryKeyListNameAndAfterOpeningNoInterviewNamesAChild() throws Exception {
        var w = world();
        // Tyra's interviewer does not know Hugo is on the key list, so their own check does not flag him.
        var tyras = complete(w.org().interviewers().get(0), w.tyra(), "Barnet berättade att Hugo från klassen också har kontakt.");
        var hugos = complete(w.org().interviewers().get(1), w.hugo(), "Barnet ville ses på fritidsgården.");
        toAnalysis(w);

        var page = mvc.perform(as(get("/rounds/{id}/interview-names", w.roundId()), w.org().processLead())).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("”Hugo”", "de fria anteckningarna", "Ersätt ”Hugo” med B02", "Ersätt ”Hugo” med [barnet]",
                "Öppna intervjuerna för läsning i enheten");
        // Opening is refused while a name is left, unless the process lead confirms it is not a child's name.
        var refused = mvc.perform(as(post("/rounds/{id}/interview-names/open", w.roundId()), w.org().processLead())).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("En träff står kvar. Ersätt den");
        assertThat(status(get("/interviews/{id}", tyras), w.org().interviewers().get(1))).isEqualTo(404);

        mvc.perform(as(post("/rounds/{id}/interview-names/replace", w.roundId()), w.org().processLead())
                .param("interviewId", String.valueOf(tyras)).param("field", "notes")
                .param("participantId", String.valueOf(w.hugo())).param("with", "C")).andReturn();
        assertThat(TestFixtures.as(w.org().processLead(), () -> interviews.nameReview(w.roundId()))).isEmpty();
        TestFixtures.run(w.org().processLead(), () -> interviews.openForReading(w.roundId(), false));

        // After opening, what the unit reads names no child of the key list.
        var names = TestFixtures.as(w.org().processLead(), () -> participants.allChildrenNamed(w.roundId())).stream()
                .map(ParticipantService.NamedChild::firstName).toList();
        var texts = TestFixtures.as(w.org().interviewers().get(2), () -> interviews.textsForCoding(w.roundId()));
        assertThat(texts).extracting(CodableText::interviewId).contains(tyras, hugos);
        assertThat(texts).extracting(CodableText::text).contains("Barnet berättade att [barnet] från klassen också har kontakt.");
        noNames(texts.stream().map(CodableText::text).toList(), names);
    }

    @Test
    void theDemoNamesNoChildInItsFreeText() throws Exception {
        // The demo's content files, as a fresh demo would be seeded from them.
        var names = new ArrayList<String>();
        var texts = new ArrayList<String>();
        for (var file : List.of("demo/finished-round.json", "demo/previous-round.json", "demo/finished-analysis.json")) {
            try (InputStream in = new ClassPathResource(file).getInputStream()) {
                collect(json.readTree(in), null, names, texts);
            }
        }
        names.addAll(List.of("Hugo", "Wilma", "Ebba"));
        assertThat(names).contains("Alva", "Kim", "Maja");
        assertThat(texts).hasSizeGreaterThan(100);
        noNames(texts, names);

        // The demo as seeded into the embedded database: opened after a review that finds nothing.
        if (mode.embedded()) {
            var finished = TestFixtures.as("processledare", () -> rounds.visible()).stream()
                    .filter(r -> r.stage() == Stage.REPORT).findFirst().orElseThrow();
            assertThat(TestFixtures.as("processledare", () -> interviews.nameReview(finished.id()))).isEmpty();
            assertThat(TestFixtures.as("intervjuare1", () -> interviews.openedForReading(finished.id()))).isTrue();
            var keyList = TestFixtures.as("processledare", () -> participants.allChildrenNamed(finished.id())).stream()
                    .map(ParticipantService.NamedChild::firstName).toList();
            assertThat(keyList).hasSize(10);
            var read = TestFixtures.as("intervjuare1", () -> interviews.textsForCoding(finished.id()));
            assertThat(read.stream().map(CodableText::interviewId).distinct().count()).isEqualTo(8);
            noNames(read.stream().map(CodableText::text).toList(), keyList);
        }
    }

    // -------------------------------------------------------------------------------------------

    private long child(long roundId, String name, long interviewerId) {
        var p = participants.add(roundId, new ParticipantService.NewParticipant(15, null, name, null, List.of(), List.of()));
        participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
        participants.assign(p.id(), interviewerId);
        return p.id();
    }

    private long complete(String interviewer, long participantId, String notes) {
        return TestFixtures.as(interviewer, () -> {
            var opened = interviews.open(participantId);
            var saved = interviews.save(opened.id(), opened.version(), InterviewDraft.of(List.of(), notes));
            return interviews.complete(saved.id(), saved.version()).id();
        });
    }

    private void toAnalysis(World w) {
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(w.roundId()).stage() != Stage.ANALYSIS) {
                rounds.advance(w.roundId());
            }
        });
    }

    private int status(MockHttpServletRequestBuilder request, String username) throws Exception {
        return mvc.perform(as(request, username)).andReturn().getResponse().getStatus();
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF")).with(csrf());
    }

    private static void noNames(List<String> texts, List<String> names) {
        for (var text : texts) {
            for (var name : names) {
                assertThat(Pattern.compile("(?iu)(?<!\\p{L})" + Pattern.quote(name) + "(?!\\p{L})").matcher(text).find())
                        .as("“%s” names %s", text, name).isFalse();
            }
        }
    }

    /** First names (under "firstName") and every other text of the demo's content, walked through. */
    private static void collect(JsonNode node, String key, List<String> names, List<String> texts) {
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), e.getKey(), names, texts));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, key, names, texts));
        } else if (node.isString()) {
            if ("firstName".equals(key)) {
                names.add(node.asString());
            } else if (!"child".equals(key) && !"children".equals(key)) {
                // "child" and "children" are the content's own references to the key list, not text.
                texts.add(node.asString());
            }
        }
    }

}
