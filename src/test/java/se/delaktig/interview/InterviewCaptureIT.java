package se.delaktig.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.audit.AuditLog;

@IntegrationTest
class InterviewCaptureIT {

    private static final String IDENTITY_NUMBER = "150312-1236";

    @Autowired
    CaptureWorld worlds;
    @Autowired
    Interviews interviews;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF")).with(csrf());
    }

    @Test
    void autosaveAnswersWithTheNewVersionAndRefusesAStaleOneWithoutOverwriting() throws Exception {
        var w = worlds.create();
        mvc.perform(as(post("/interviews/{id}/autosave", w.interviewId()), w.interviewer())
                        .param("version", "0")
                        .param("answers[" + w.freeText() + "].childWords", "Att någon lyssnar")
                        .param("notes", "Första fliken"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.savedAt").value(org.hamcrest.Matchers.matchesPattern("\\d\\d:\\d\\d:\\d\\d")))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.matchesPattern("Sparad \\d\\d\\.\\d\\d")));
        mvc.perform(as(post("/interviews/{id}/autosave", w.interviewId()), w.interviewer())
                        .param("version", "1").param("notes", "Första fliken, mer text"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));

        // A second tab still holding version 1 is told, and overwrites nothing.
        mvc.perform(as(post("/interviews/{id}/autosave", w.interviewId()), w.interviewer())
                        .param("version", "1").param("notes", "Andra fliken"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.conflict").value(true))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("annan flik")));
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(saved.notes()).isEqualTo("Första fliken, mer text");
        assertThat(saved.version()).isEqualTo(2);

        // Bad input is a 400 naming the field, and nothing is saved.
        mvc.perform(as(post("/interviews/{id}/autosave", w.interviewId()), w.interviewer())
                        .param("version", "2").param("notes", "Barnets nummer " + IDENTITY_NUMBER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.conflict").value(false))
                .andExpect(jsonPath("$.errors[0].field").value("notes"));
        // Another interviewer's autosave is a 404, like a missing interview.
        mvc.perform(as(post("/interviews/{id}/autosave", w.interviewId()), w.otherInterviewer()).param("version", "2"))
                .andExpect(status().isNotFound());
    }

    @Test
    void formShowsMultipleChoiceAndSmileyAndSavesBoth() throws Exception {
        var w = worlds.create();
        var page = mvc.perform(as(get("/interviews/{id}", w.interviewId()), w.interviewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("type=\"checkbox\"", "Hemma", "I skolan", "1 – mycket ledsen", "5 – mycket glad",
                "data-autosave=\"/interviews/" + w.interviewId() + "/autosave\"", "aria-live=\"polite\"");

        mvc.perform(as(post("/interviews/{id}", w.interviewId()), w.interviewer())
                        .param("version", "0")
                        .param("answers[" + w.multiple() + "].value", "Hemma", "På kontoret")
                        .param("answers[" + w.smiley() + "].value", "4")
                        .param("action", "save"))
                .andExpect(status().is3xxRedirection());
        var view = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(view.answers().get(w.multiple()).value()).isEqualTo("Hemma\nPå kontoret");
        assertThat(view.answers().get(w.smiley()).value()).isEqualTo("4");

        var again = mvc.perform(as(get("/interviews/{id}", w.interviewId()), w.interviewer()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).containsPattern("value=\"Hemma\"\\s+checked").containsPattern("value=\"På kontoret\"\\s+checked")
                .containsPattern("value=\"4\"\\s+checked").doesNotContainPattern("value=\"I skolan\"\\s+checked");

        // An option not in the guide is refused with the field named, and the form keeps what was typed.
        var refused = mvc.perform(as(post("/interviews/{id}", w.interviewId()), w.interviewer())
                        .param("version", "1")
                        .param("answers[" + w.multiple() + "].value", "Hemma", "På månen")
                        .param("answers[" + w.smiley() + "].value", "7")
                        .param("answers[" + w.freeText() + "].childWords", "Det här ska inte försvinna"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("Välj ett av svarsalternativen", "Välj en av de fem smileysarna",
                "Det här ska inte försvinna", "aria-invalid=\"true\"");
    }

    @Test
    void arabicWordingIsMarkedRightToLeftOnlyWhenItIsReallyTranslated() throws Exception {
        var w = worlds.create("ar");
        // Question.textFor falls back to Swedish until translations exist: then nothing is marked Arabic.
        var page = mvc.perform(as(get("/interviews/{id}", w.interviewId()), w.interviewer()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Vet du vem din socialsekreterare är?").doesNotContain("lang=\"ar\"");
    }

    @Test
    void durationExperienceAndTranscriptAreSavedAndFreeTextIsEncrypted() throws Exception {
        var w = worlds.create();
        var transcript = "I: Hur var det?\nB: Det var okej att prata om det här.\n".repeat(400);
        mvc.perform(as(post("/interviews/{id}", w.interviewId()), w.interviewer())
                        .param("version", "0")
                        .param("durationMinutes", "55")
                        .param("childExperience", "5")
                        .param("childExperienceWords", "Roligare än jag trodde")
                        .param("transcript", transcript)
                        .param("action", "save"))
                .andExpect(status().is3xxRedirection());
        var view = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(view.durationMinutes()).isEqualTo(55);
        assertThat(view.childExperience()).isEqualTo("5");
        assertThat(view.childExperienceWords()).isEqualTo("Roligare än jag trodde");
        assertThat(view.transcript()).isEqualTo(transcript.strip());

        var stored = jdbc.sql("select child_experience_words, transcript from interview where id = ?")
                .param(w.interviewId()).query((rs, n) -> List.of(rs.getBytes(1), rs.getBytes(2))).single();
        for (var bytes : stored) {
            var raw = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("Roligare").doesNotContain("okej att prata");
        }

        var refused = mvc.perform(as(post("/interviews/{id}", w.interviewId()), w.interviewer())
                        .param("version", "1")
                        .param("durationMinutes", "en timme")
                        .param("transcript", "Barnet sa " + IDENTITY_NUMBER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("Skriv tiden som ett heltal mellan 1 och 600 minuter", "en timme",
                "personnummer", "id=\"durationMinutes-error\"", "id=\"transcript-error\"");
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId())).durationMinutes()).isEqualTo(55);
    }

    @Test
    void reflectionHasThreeQuestionsStoredEncrypted() throws Exception {
        var w = worlds.create();
        mvc.perform(as(post("/interviews/{id}/reflection", w.interviewId()), w.interviewer())
                        .param("learnt", "Att bytena av handläggare märks mer än vi tror")
                        .param("surprised", "Hur mycket barnet visste")
                        .param("change", "Fråga barnet var mötet ska vara"))
                .andExpect(status().is3xxRedirection());
        var reflection = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId())).reflection();
        assertThat(reflection.learnt()).isEqualTo("Att bytena av handläggare märks mer än vi tror");
        assertThat(reflection.surprised()).isEqualTo("Hur mycket barnet visste");
        assertThat(reflection.change()).isEqualTo("Fråga barnet var mötet ska vara");
        assertThat(reflection.other()).isNull();
        var raw = jdbc.sql("select reflection_learnt, reflection_surprised, reflection_change from interview where id = ?")
                .param(w.interviewId()).query((rs, n) -> new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)
                        + new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)
                        + new String(rs.getBytes(3), StandardCharsets.ISO_8859_1)).single();
        assertThat(raw).doesNotContain("handläggare").doesNotContain("visste").doesNotContain("mötet");

        var page = mvc.perform(as(get("/interviews/{id}", w.interviewId()), w.interviewer()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Vad överraskade dig?", "Hur mycket barnet visste");

        var refused = mvc.perform(as(post("/interviews/{id}/reflection", w.interviewId()), w.interviewer())
                        .param("learnt", "Nytt som ska finnas kvar")
                        .param("change", "Ring " + IDENTITY_NUMBER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("Nytt som ska finnas kvar", "id=\"reflection-change-error\"", "href=\"#reflection-change\"");
        assertThatThrownBy(() -> TestFixtures.as(w.otherInterviewer(),
                () -> interviews.saveReflection(w.interviewId(), new Reflection("x", null, null, null))))
                .isInstanceOf(se.delaktig.web.NotFoundException.class);
    }

    @Test
    void diplomaHasTheFirstNameAndNothingElseAboutTheChild() throws Exception {
        var w = worlds.create();
        var response = mvc.perform(as(get("/interviews/{id}/diploma.pdf", w.interviewId()), w.interviewer()))
                .andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        try (var pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            var text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(pdf.getNumberOfPages()).as("the diploma fits on one sheet").isEqualTo(1);
            assertThat(text).contains("Tack, " + CaptureWorld.FIRST_NAME + "!", "Diplom");
            assertThat(text).doesNotContain("B01").doesNotContain(w.roundTitle()).doesNotContain("11 år")
                    .doesNotContain(w.org().suffix());
        }
        // The process lead may print it too; another interviewer of the unit and strangers may not.
        mvc.perform(as(get("/interviews/{id}/diploma.pdf", w.interviewId()), w.org().processLead()))
                .andExpect(status().isOk());
        mvc.perform(as(get("/interviews/{id}/diploma.pdf", w.interviewId()), w.otherInterviewer()))
                .andExpect(status().isNotFound());
        mvc.perform(as(get("/interviews/{id}/diploma.pdf", w.interviewId()), w.org().manager()))
                .andExpect(status().isNotFound());
        var exports = audit.find(new AuditLog.Filter(null, "interview", Long.toString(w.interviewId()), null, null), 50);
        assertThat(exports).anySatisfy(e -> assertThat(e.action()).isEqualTo("EXPORT_DIPLOMA"));
    }
}
