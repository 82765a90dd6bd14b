package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.QuoteWorld;
import se.delaktig.analysis.Quotes;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, point 4: the de-identification check must not be a way to ask the key list whether a name
 * is on it. An interviewer sends a long list of common Swedish first names, among them the names of
 * the round's other children (not their own), to every path that checks, previews or saves text, and
 * nothing in any answer gives those names away: not flagged, not pointed at, not counted.
 */
@IntegrationTest
class NameOracleAttackIT {

    /** The round's other children: on the key list, assigned to another interviewer. */
    private static final List<String> OTHERS = List.of("Alice", "Hugo", "Wilma", "Nora", "Omar", "Elsa");

    /** Ninety common first names; the interviewer's own children (Selma, Juni) and the staff's names are not among them. */
    private static final List<String> COMMON = List.of("Alice", "Maja", "Elsa", "Astrid", "Wilma", "Freja", "Olivia", "Alma",
            "Ella", "Ebba", "Vera", "Agnes", "Saga", "Alva", "Stella", "Lilly", "Clara", "Signe", "Elvira", "Ines", "Nora",
            "Leah", "Molly", "Ellen", "Luna", "Iris", "Julia", "Sara", "Tilde", "Ester", "Hedda", "Tyra", "Linnea", "Edith",
            "Emilia", "Matilda", "Elin", "Märta", "Lova", "Hanna", "Lykke", "Sigrid", "Livia", "Liv", "Hugo", "William", "Noah",
            "Liam", "Lucas", "Oscar", "Oliver", "Elias", "Adam", "Leo", "Vincent", "Arvid", "Alexander", "Ludvig", "Nils",
            "Theo", "Axel", "Viktor", "Harry", "Elton", "Isak", "Gustav", "Melvin", "Sam", "Albin", "Olle", "Charlie", "Filip",
            "Frans", "Leon", "Loke", "Malte", "Kevin", "August", "Omar", "Jack", "Henry", "Valter", "Sixten", "Edvin", "Ebbe",
            "Otto", "Carl", "Folke", "Alvin", "Harald");

    /** The list with the key list's names in it. */
    private static final String WITH = String.join(", ", COMMON);
    /** The same list with each key-list name swapped for a made-up word of the same length. */
    private static final String WITHOUT = decoyed(WITH);

    @Autowired QuoteWorld world;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Quotes quotes;
    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;

    @Test
    void aListOfNinetyCommonNamesRevealsNoChildOfTheRoundOnAnyCheckPreviewOrSavePath() throws Exception {
        assertThat(COMMON).hasSize(90).containsAll(OTHERS);
        var w = world.create();
        var roundId = w.roundId();
        var interviewer = w.interviewer();
        // The round's other children, and a second child of the interviewer's own with a draft interview.
        var draftId = TestFixtures.as(w.org().processLead(), () -> {
            for (var name : OTHERS) {
                child(roundId, name, w.org().interviewerIds().get(1));
            }
            return child(roundId, "Juni", w.org().interviewerIds().get(0));
        });
        var draft = TestFixtures.as(interviewer, () -> interviews.open(draftId));
        var quote = TestFixtures.as(interviewer, () -> quotes.mark(roundId, world.codeAll(w).id()));

        // The check of the API: the same answer with and without the children's names.
        var checkWith = body(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", roundId), interviewer,
                Map.of("text", WITH))).andReturn(), 200);
        var checkWithout = body(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", roundId), interviewer,
                Map.of("text", WITHOUT))).andReturn(), 200);
        assertThat(checkWith).isEqualTo(checkWithout);
        revealsNothing(checkWith, WITH);

        // Saving the wording of a quote answers with the quote and its findings.
        var editWith = body(mvc.perform(json(put("/api/v1/rounds/{id}/quotes/{q}", roundId, quote.id()), interviewer,
                Map.of("text", WITH, "version", version(roundId, quote.id(), interviewer)))).andReturn(), 200);
        revealsNothing(editWith, WITH);
        var findingsWith = json.readTree(editWith).get("findings").toString();
        revealsNothing(body(mvc.perform(as(get("/api/v1/rounds/{id}/quotes", roundId), interviewer)).andReturn(), 200), WITH);
        revealsNothing(body(mvc.perform(as(get("/api/v1/rounds/{id}/quotes/{q}", roundId, quote.id()), interviewer))
                .andReturn(), 200), WITH);
        var pageWith = body(mvc.perform(as(get("/rounds/{id}/quotes", roundId), interviewer)).andReturn(), 200);
        revealsNothing(pageWith, WITH);
        // Pointing at the place of a name: a replacement there is refused exactly as at a made-up word.
        var at = WITH.indexOf("Alice");
        var replaceWith = mvc.perform(json(post("/api/v1/rounds/{id}/quotes/{q}/replace", roundId, quote.id()), interviewer,
                Map.of("start", at, "end", at + 5, "version", version(roundId, quote.id(), interviewer)))).andReturn();
        var approveWith = body(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/{q}/approve", roundId, quote.id()),
                interviewer, Map.of("version", version(roundId, quote.id(), interviewer)))).andReturn(), 400);
        var approvePageWith = body(mvc.perform(as(post("/rounds/{id}/quotes/{q}/approve", roundId, quote.id()), interviewer)
                .param("version", String.valueOf(version(roundId, quote.id(), interviewer)))).andReturn(), 200);
        revealsNothing(approvePageWith, WITH);

        // The same by the page's form, with the made-up words.
        mvc.perform(as(post("/rounds/{id}/quotes/{q}/edit", roundId, quote.id()), interviewer)
                .param("version", String.valueOf(version(roundId, quote.id(), interviewer))).param("text", WITHOUT)).andReturn();
        var pageWithout = body(mvc.perform(as(get("/rounds/{id}/quotes", roundId), interviewer)).andReturn(), 200);
        assertThat(count(pageWith, "quote__mark")).isEqualTo(count(pageWithout, "quote__mark"));
        assertThat(count(pageWith, "quote__finding")).isEqualTo(count(pageWithout, "quote__finding"));
        var findingsWithout = json.readTree(body(mvc.perform(as(get("/api/v1/rounds/{id}/quotes/{q}", roundId, quote.id()),
                interviewer)).andReturn(), 200)).get("findings").toString();
        assertThat(findingsWith).isEqualTo(findingsWithout);
        var replaceWithout = mvc.perform(json(post("/api/v1/rounds/{id}/quotes/{q}/replace", roundId, quote.id()), interviewer,
                Map.of("start", at, "end", at + 5, "version", version(roundId, quote.id(), interviewer)))).andReturn();
        assertThat(replaceWith.getResponse().getStatus()).isEqualTo(replaceWithout.getResponse().getStatus()).isEqualTo(400);
        assertThat(replaceWith.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(replaceWithout.getResponse().getContentAsString(StandardCharsets.UTF_8));
        var approveWithout = body(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/{q}/approve", roundId, quote.id()),
                interviewer, Map.of("version", version(roundId, quote.id(), interviewer)))).andReturn(), 400);
        assertThat(approveWith).isEqualTo(approveWithout);

        // The interview paths of the interviewer's own draft: the form, the background save, the API,
        // the reflection and completing.
        mvc.perform(as(post("/interviews/{id}", draft.id()), interviewer).param("version", String.valueOf(draft.version()))
                .param("notes", WITH)).andReturn();
        var form = body(mvc.perform(as(get("/interviews/{id}", draft.id()), interviewer)).andReturn(), 200);
        revealsNothing(form, WITH);
        assertThat(form).doesNotContain("name-flag");
        var version = TestFixtures.as(interviewer, () -> interviews.get(draft.id())).version();
        revealsNothing(body(mvc.perform(as(post("/interviews/{id}/autosave", draft.id()), interviewer)
                .param("version", String.valueOf(version)).param("transcript", WITH)).andReturn(), 200), WITH);
        version = TestFixtures.as(interviewer, () -> interviews.get(draft.id())).version();
        revealsNothing(body(mvc.perform(json(put("/api/v1/interviews/{id}", draft.id()), interviewer,
                Map.of("version", version, "notes", WITH, "transcript", WITH, "childExperienceWords", WITH))).andReturn(), 200), WITH);
        assertThat(body(mvc.perform(as(get("/api/v1/interviews/{id}/names", draft.id()), interviewer)).andReturn(), 200))
                .isEqualTo("[]");
        var reflection = mvc.perform(as(post("/interviews/{id}/reflection", draft.id()), interviewer).param("learnt", WITH))
                .andReturn();
        assertThat(reflection.getResponse().getStatus()).isEqualTo(302);
        version = TestFixtures.as(interviewer, () -> interviews.get(draft.id())).version();
        revealsNothing(body(mvc.perform(json(post("/api/v1/interviews/{id}/complete", draft.id()), interviewer,
                Map.of("version", version))).andReturn(), 200), WITH);

        // The full review stays with the process lead; the unit manager's check compares against no child at all.
        assertThat(mvc.perform(as(get("/rounds/{id}/interview-names", roundId), interviewer)).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(as(get("/rounds/{id}/interview-names", roundId), w.org().manager())).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        revealsNothing(body(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", roundId), w.org().manager(),
                Map.of("text", WITH))).andReturn(), 200), WITH);
        // The process lead may read the key list, and the check tells them.
        var lead = body(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", roundId), w.org().processLead(),
                Map.of("text", WITH))).andReturn(), 200);
        assertThat(lead).contains("\"Alice\"", "\"Hugo\"", "\"Omar\"");
    }

    @Test
    void theCheckTakesAQuoteLengthAndOnlySoManyRequestsAPerson() throws Exception {
        var w = world.create();
        var interviewer = w.interviewer();
        var quote = TestFixtures.as(interviewer, () -> quotes.mark(w.roundId(), world.codeAll(w).id()));

        var tooLong = mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", w.roundId()), interviewer,
                Map.of("text", "a".repeat(Quotes.MAX_TEXT + 1)))).andReturn();
        assertThat(tooLong.getResponse().getStatus()).isEqualTo(400);
        var problem = json.readTree(tooLong.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(problem.get("errors").get(0).get("message").asString()).containsPattern("2\\D?000").contains("text");

        // The quote's own saves count too: a person cannot go round the limit through them.
        var version = version(w.roundId(), quote.id(), interviewer);
        for (int i = 0; i < 10; i++) {
            var saved = mvc.perform(json(put("/api/v1/rounds/{id}/quotes/{q}", w.roundId(), quote.id()), interviewer,
                    Map.of("text", "Hej " + i, "version", version))).andReturn();
            assertThat(saved.getResponse().getStatus()).isEqualTo(200);
            version++;
        }
        int answered = 10;
        MvcResult refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            var result = mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", w.roundId()), interviewer,
                    Map.of("text", "Anna " + i))).andReturn();
            if (result.getResponse().getStatus() == 429) {
                refused = result;
            } else {
                assertThat(result.getResponse().getStatus()).isEqualTo(200);
                answered++;
            }
        }
        assertThat(refused).as("the check is refused after a while").isNotNull();
        assertThat(answered).isLessThanOrEqualTo(60);
        assertThat(refused.getResponse().getContentType()).contains("application/problem+json");
        assertThat(refused.getResponse().getHeader("Retry-After")).matches("\\d+");
        assertThat(json.readTree(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("detail").asString())
                .contains("för många gånger");
        // A browser gets a page, never JSON, with the same Swedish message.
        var page = mvc.perform(as(post("/rounds/{id}/quotes/{q}/edit", w.roundId(), quote.id()), interviewer)
                .param("version", String.valueOf(version)).param("text", "Hej igen")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(429);
        assertThat(page.getResponse().getContentType()).contains("text/html");
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("för många gånger");
        // Someone else is not held up by it.
        assertThat(mvc.perform(json(post("/api/v1/rounds/{id}/quotes/check", w.roundId()), w.org().processLead(),
                Map.of("text", "Hej"))).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    // -------------------------------------------------------------------------------------------

    private long child(long roundId, String name, long interviewerId) {
        var p = participants.add(roundId, new ParticipantService.NewParticipant(15, null, name, null, List.of(), List.of()));
        participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
        participants.assign(p.id(), interviewerId);
        return p.id();
    }

    private int version(long roundId, long quoteId, String username) {
        return TestFixtures.as(username, () -> quotes.get(roundId, quoteId)).version();
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF")).with(csrf());
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String username, Map<String, ?> body) {
        return as(request, username).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }

    private static String body(MvcResult result, int status) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(status);
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** With the text the attacker sent taken out, no name of the round's other children is left in the answer. */
    private static void revealsNothing(String body, String sent) {
        var rest = body.replace(sent, "");
        for (var name : OTHERS) {
            assertThat(Pattern.compile("(?i)(?<!\\p{L})" + name + "(?!\\p{L})").matcher(rest).find())
                    .as("the answer gives away %s", name).isFalse();
        }
    }

    private static int count(String body, String word) {
        var n = 0;
        for (int at = body.indexOf(word); at >= 0; at = body.indexOf(word, at + 1)) {
            n++;
        }
        return n;
    }

    private static String decoyed(String text) {
        var result = text;
        for (var name : OTHERS) {
            result = result.replace(name, "Q" + "x".repeat(name.length() - 1));
        }
        return result;
    }

    static List<String> others() {
        return new ArrayList<>(OTHERS);
    }
}
