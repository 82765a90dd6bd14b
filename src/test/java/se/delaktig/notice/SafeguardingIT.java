package se.delaktig.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CaptureWorld;
import se.delaktig.interview.InterviewResults;
import se.delaktig.interview.Interviews;
import se.delaktig.interview.Safeguarding;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class SafeguardingIT {

    /** The port application-test.properties gives spring.mail.port. */
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(39025, "localhost", ServerSetup.PROTOCOL_SMTP));

    @Autowired
    CaptureWorld worlds;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    Notices notices;
    @Autowired
    Interviews interviews;
    @Autowired
    InterviewResults results;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF")).with(csrf());
    }

    private static String note(CaptureWorld.World w) {
        return "Barnet berättade om bråk hemma " + w.org().suffix();
    }

    private void flag(CaptureWorld.World w) throws Exception {
        mvc.perform(as(post("/interviews/{id}/safeguarding", w.interviewId()), w.interviewer()).param("note", note(w)))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void processLeadAndUnitManagerSeeTheNoticeAndNobodyElseDoes() throws Exception {
        var w = worlds.create();
        flag(w);

        for (var receiver : new String[] {w.org().processLead(), w.org().manager()}) {
            var mine = TestFixtures.as(receiver, () -> notices.mine());
            assertThat(mine).singleElement().satisfies(n -> {
                assertThat(n.pseudonym()).isEqualTo("B01");
                assertThat(n.roundTitle()).isEqualTo(w.roundTitle());
                assertThat(n.raisedBy()).isEqualTo("Ida Intervjuare");
                assertThat(n.note()).isEqualTo(note(w));
                assertThat(n.acknowledged()).isFalse();
            });
            assertThat(TestFixtures.as(receiver, () -> notices.openCount())).isEqualTo(1);
        }
        var page = mvc.perform(as(get("/notices"), w.org().processLead()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(note(w), "B01", w.roundTitle(), "Ida Intervjuare", "verksamhetssystemet");

        // The unit's other interviewers – even the flagging one – get no notice and cannot read the note.
        var flagId = TestFixtures.as(w.org().processLead(), () -> notices.mine().get(0).id());
        for (var other : w.org().interviewers()) {
            assertThat(TestFixtures.as(other, () -> notices.mine())).isEmpty();
            assertThat(mvc.perform(as(get("/notices"), other)).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8)).doesNotContain(note(w));
            mvc.perform(as(post("/notices/{id}/acknowledge", flagId), other)).andExpect(status().isNotFound());
        }
        // Another municipality's process lead is told it does not exist.
        var stranger = worlds.create();
        assertThat(TestFixtures.as(stranger.org().processLead(), () -> notices.mine())).isEmpty();
        assertThatThrownBy(() -> TestFixtures.as(stranger.org().processLead(), () -> notices.get(flagId)))
                .isInstanceOf(NotFoundException.class);
        mvc.perform(as(post("/notices/{id}/acknowledge", flagId), stranger.org().manager())).andExpect(status().isNotFound());

        // The interviewer sees that the flag went out, without the note.
        var interviewPage = mvc.perform(as(get("/interviews/{id}", w.interviewId()), w.interviewer()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(interviewPage).contains("inte hanterad ännu").doesNotContain(note(w));

        // Handled by the unit manager: it leaves the open list and the count.
        mvc.perform(as(post("/notices/{id}/acknowledge", flagId), w.org().manager())).andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(w.org().processLead(), () -> notices.openCount())).isZero();
        assertThat(TestFixtures.as(w.org().processLead(), () -> notices.get(flagId)))
                .satisfies(n -> assertThat(n.acknowledgedBy()).isEqualTo("Erik Enhetschef"));
    }

    @Test
    void onlyTheAssignedInterviewerMayFlagAndTheNoteIsChecked() throws Exception {
        var w = worlds.create();
        assertThatThrownBy(() -> TestFixtures.as(w.otherInterviewer(), () -> safeguarding.raise(w.interviewId(), "x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> TestFixtures.as(w.org().processLead(), () -> safeguarding.raise(w.interviewId(), "x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> safeguarding.raise(w.interviewId(), "  ")))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("field", "note");
        var page = mvc.perform(as(post("/interviews/{id}/safeguarding", w.interviewId()), w.interviewer())
                        .param("note", "Ring om 150312-1236"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"note-error\"", "Ring om 150312-1236", "aria-invalid=\"true\"");
        var stored = jdbc.sql("select count(*) from safeguarding_flag where interview_id = ?").param(w.interviewId())
                .query(Integer.class).single();
        assertThat(stored).isZero();

        flag(w);
        var raw = jdbc.sql("select note from safeguarding_flag where interview_id = ?").param(w.interviewId())
                .query(byte[].class).single();
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("bråk");
    }

    @Test
    void receiversGetAnEmailThatSaysNothingAboutTheChild() throws Exception {
        var w = worlds.create();
        jdbc.sql("update staff set email = ? where username = ?").params("pl@" + w.org().suffix() + ".test", w.org().processLead()).update();
        jdbc.sql("update staff set email = ? where username = ?").params("ec@" + w.org().suffix() + ".test", w.org().manager()).update();
        jdbc.sql("update staff set email = ? where username = ?").params("i2@" + w.org().suffix() + ".test", w.otherInterviewer()).update();
        flag(w);

        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        var mails = MAIL.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("pl@" + w.org().suffix() + ".test", "ec@" + w.org().suffix() + ".test");
        for (var mail : mails) {
            var text = mail.getSubject() + "\n" + GreenMailUtil.getBody(mail);
            assertThat(mail.getSubject()).isEqualTo("Delaktig: en ny notis att titta på");
            assertThat(text).contains("/notices").contains("verksamhetssystemet");
            assertThat(text).doesNotContain("bråk").doesNotContain(w.org().suffix()).doesNotContain(CaptureWorld.FIRST_NAME)
                    .doesNotContain("B01").doesNotContain(w.roundTitle());
        }
    }

    @Test
    void theFlagNeverReachesCountsMemoResultsOrTheInterviewApi() throws Exception {
        var w = worlds.create();
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.save(w.interviewId(), 0,
                java.util.List.of(new se.delaktig.interview.AnswerInput(w.yesNo(), "YES", "Ja, hon heter något", null)), "Lugnt samtal"));
        flag(w);
        TestFixtures.as(w.interviewer(), () -> interviews.complete(w.interviewId(), saved.version()));
        var note = note(w);

        var countsJson = mvc.perform(as(get("/api/v1/rounds/{id}/counts", w.roundId()), w.org().processLead()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var countsPage = mvc.perform(as(get("/rounds/{id}/counts", w.roundId()), w.org().processLead()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var memo = mvc.perform(as(get("/rounds/{id}/memo.pdf", w.roundId()), w.org().processLead()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String memoText;
        try (var pdf = Loader.loadPDF(memo)) {
            memoText = new PDFTextStripper().getText(pdf);
        }
        var roundResults = TestFixtures.as(w.org().processLead(), () -> results.completed(w.roundId()));
        // The other interviewer reads the unit's interviews once the process lead has reviewed the names
        // and opened them (InterviewNamesAttackIT walks that step); the round is still interviewing, so
        // the opening is recorded directly.
        jdbc.sql("insert into interview_reading_opened (round_id, opened_by) values (?, ?)")
                .params(w.roundId(), w.org().processLead()).update();
        var apiForOtherInterviewer = mvc.perform(as(get("/api/v1/interviews/{id}", w.interviewId()), w.otherInterviewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var apiForInterviewer = mvc.perform(as(get("/api/v1/interviews/{id}", w.interviewId()), w.interviewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        // The flag exists and the receivers see it …
        assertThat(TestFixtures.as(w.org().processLead(), () -> notices.mine())).extracting(Notice::note).containsExactly(note);
        // … and the interview is really there in every output, which makes the absence of the note meaningful.
        assertThat(roundResults.completedInterviews()).isEqualTo(1);
        assertThat(apiForOtherInterviewer).contains("Ja, hon heter något");
        for (var output : new String[] {countsJson, countsPage, memoText, roundResults.toString(), apiForOtherInterviewer,
                apiForInterviewer}) {
            assertThat(output).doesNotContain(note).doesNotContain("bråk hemma")
                    .doesNotContainIgnoringCase("safeguarding").doesNotContainIgnoringCase("orosanmälan");
        }
    }
}
