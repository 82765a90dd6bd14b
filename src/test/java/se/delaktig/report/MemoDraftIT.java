package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Counts;
import se.delaktig.analysis.InterviewedRound;

@IntegrationTest
class MemoDraftIT {

    private static final String IDENTITY_NUMBER = "150312-1236";

    @Autowired MemoWorld memoWorld;
    @Autowired MemoDrafts drafts;
    @Autowired Counts counts;
    @Autowired TestFixtures fixtures;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void theDraftIsPrefilledWithCountsThemesProposalsAndOnlyApprovedQuotesInEveryOutput() throws Exception {
        var w = memoWorld.create();
        var sentence = TestFixtures.as(w.lead(), () -> counts.forRound(w.roundId(), Locale.forLanguageTag("sv")))
                .areas().get(0).questions().stream()
                .filter(q -> q.key().equals(InterviewedRound.CHANGED_WORKER)).findFirst().orElseThrow().sentence();

        var page = html(mvc.perform(as(get("/rounds/{id}/memo", w.roundId()), w.lead())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(page).contains("Enheten tillfrågade två barn. Av dem samtyckte två och noll avböjde.",
                "Enheten har genomfört och avslutat två intervjuer", sentence,
                "- " + MemoWorld.THEME + ": båda barnen",
                "- ”" + MemoWorld.APPROVED + "”",
                "1. " + MemoWorld.PROPOSAL + " (område: Kontakt)",
                "## Uppföljning av förra omgången",
                "Det här är enhetens första omgång");
        assertThat(page).contains("value=\"Erik Enhetschef\"", "value=\"Petra Processledare\"");
        var docx = docxText(mvc.perform(as(get("/rounds/{id}/memo.docx", w.roundId()), w.lead())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(docx).contains(sentence, MemoWorld.THEME + ": båda barnen", MemoWorld.APPROVED, MemoWorld.PROPOSAL);
        var pdf = pdfText(mvc.perform(as(get("/rounds/{id}/memo.pdf", w.roundId()), w.lead())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(pdf).contains(MemoWorld.THEME + ": båda barnen", MemoWorld.APPROVED, MemoWorld.PROPOSAL);

        for (var output : new String[] {page, docx, pdf}) {
            assertThat(output).doesNotContain(MemoWorld.CANDIDATE, MemoWorld.WITHDRAWN, CodingWorld.WORDS_A, CodingWorld.WORDS_B,
                    CodingWorld.REFLECTION_A, "KANDIDAT", "ÅTERKALLAT");
        }
        // Opening the draft and exporting it are audited.
        assertThat(audits("READ", "memo", "round:" + w.roundId(), w.lead())).isEqualTo(1);
        assertThat(audits("EXPORT_MEMO_DOCX", "round", Long.toString(w.roundId()), w.lead())).isEqualTo(1);
    }

    @Test
    void everySaveIsANewVersionAndTwoVersionsCanBeCompared() throws Exception {
        var w = memoWorld.create();
        var generated = TestFixtures.as(w.lead(), () -> drafts.draft(w.roundId())).content();

        mvc.perform(save(w, generated, 0, "Första utkastet", MemoSection.SUMMARY, generated.text(MemoSection.SUMMARY)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/rounds/" + w.roundId() + "/memo"));
        var changed = generated.text(MemoSection.SUMMARY).replace("Sammanlagt tillfrågades", "Totalt tillfrågades");
        mvc.perform(save(w, generated, 1, null, MemoSection.SUMMARY, changed + "\n\nEtt nytt stycke om nämnden."))
                .andExpect(status().is3xxRedirection());

        var page = html(mvc.perform(as(get("/rounds/{id}/memo", w.roundId()), w.lead())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(page).contains("Du redigerar version 2, sparad av Petra Processledare", "Första utkastet",
                "Ett nytt stycke om nämnden.");
        var versions = TestFixtures.as(w.lead(), () -> drafts.versions(w.roundId()));
        assertThat(versions).extracting(MemoVersion::number).containsExactly(1, 2);
        assertThat(versions).extracting(MemoVersion::savedBy).containsOnly(w.lead());
        assertThat(versions.get(0).comment()).isEqualTo("Första utkastet");
        assertThat(versions.get(1).content().text(MemoSection.SUMMARY)).contains("Totalt tillfrågades");

        var compare = html(mvc.perform(as(get("/rounds/{id}/memo/compare", w.roundId()).param("from", "1").param("to", "2"), w.lead()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(compare).contains("Jämför version 1 och 2");
        assertThat(compare).containsPattern("<del><span class=\"memo__diff-label\"[^>]*>borttaget:</span>Sammanlagt</del>");
        assertThat(compare).containsPattern("<ins><span class=\"memo__diff-label\"[^>]*>tillagt:</span>Totalt</ins>");
        assertThat(compare).contains("Ett nytt stycke om nämnden.", "Ändrat: 2 tillägg och 1 borttagning.", "Oförändrat.");
        // The exports print the chosen version; without one, the latest.
        assertThat(pdfText(pdf(w, "/rounds/{id}/memo.pdf?version=1"))).contains("Sammanlagt tillfrågades").doesNotContain("Totalt tillfrågades");
        assertThat(pdfText(pdf(w, "/rounds/{id}/memo.pdf"))).contains("Totalt tillfrågades", "Version 2.");
        assertThat(docxText(pdf(w, "/rounds/{id}/memo.docx?version=1"))).contains("Sammanlagt tillfrågades");
        mvc.perform(as(get("/rounds/{id}/memo/compare", w.roundId()).param("from", "1").param("to", "9"), w.lead()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'MEMO_SAVE' and actor = ? and outcome = 'SUCCESS' and unit_id = ?")
                .params(w.lead(), w.org().unitId()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aSaveOnAnOlderVersionIsRefusedAndKeepsWhatWasTyped() throws Exception {
        var w = memoWorld.create();
        var generated = TestFixtures.as(w.lead(), () -> drafts.draft(w.roundId())).content();
        // Both open version 1; the manager saves first.
        mvc.perform(save(w, generated, 0, null, MemoSection.ECONOMY, "Inga kostnader.")).andExpect(status().is3xxRedirection());
        mvc.perform(save(w, generated, 1, null, MemoSection.ECONOMY, "Chefens text.").with(user(w.org().manager()).roles("STAFF")))
                .andExpect(status().is3xxRedirection());

        var refused = html(mvc.perform(save(w, generated, 1, null, MemoSection.ECONOMY, "Processledarens nya text."))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(refused).contains("Version 2 sparades av Erik Enhetschef medan du skrev, så din text sparades inte.",
                "Din text finns kvar i formuläret nedan.", "Processledarens nya text.</textarea>");
        assertThat(refused).contains("name=\"baseVersion\" value=\"2\"");
        assertThat(TestFixtures.as(w.lead(), () -> drafts.versions(w.roundId()))).hasSize(2);

        // Saving again, deliberately, on top of version 2 goes through.
        mvc.perform(save(w, generated, 2, null, MemoSection.ECONOMY, "Processledarens nya text.")).andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(w.lead(), () -> drafts.versions(w.roundId()))).extracting(v -> v.content().text(MemoSection.ECONOMY))
                .containsExactly("Inga kostnader.", "Chefens text.", "Processledarens nya text.");
    }

    @Test
    void anIdentityNumberIsRefusedInTheFieldItWasTypedIn() throws Exception {
        var w = memoWorld.create();
        var generated = TestFixtures.as(w.lead(), () -> drafts.draft(w.roundId())).content();
        var page = html(mvc.perform(save(w, generated, 0, null, MemoSection.CHILDREN, "Barnet " + IDENTITY_NUMBER + " sa det."))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(page).contains("Ta bort personnumret ur ”Konsekvenser för barn”", "id=\"children-error\"",
                "aria-describedby=\"children-error format-hint\"", "Barnet " + IDENTITY_NUMBER + " sa det.</textarea>");
        var signer = html(mvc.perform(save(w, generated, 0, null, MemoSection.CHILDREN, "Ok.").param("signer2Title", IDENTITY_NUMBER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(signer).contains("Ta bort personnumret ur ”Titel, andra undertecknare”");
        var english = html(mvc.perform(save(w, generated, 0, null, MemoSection.PROPOSAL, IDENTITY_NUMBER).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(english).contains("Remove the identity number from “Proposed decision”");
        assertThat(TestFixtures.as(w.lead(), () -> drafts.versions(w.roundId()))).isEmpty();
    }

    @Test
    void otherUnitsAndInterviewersAreToldTheMemoDoesNotExist() throws Exception {
        var w = memoWorld.create();
        var generated = TestFixtures.as(w.lead(), () -> drafts.draft(w.roundId())).content();
        mvc.perform(save(w, generated, 0, null, MemoSection.ECONOMY, "Inga kostnader.")).andExpect(status().is3xxRedirection());
        mvc.perform(save(w, generated, 1, null, MemoSection.ECONOMY, "Små kostnader.")).andExpect(status().is3xxRedirection());
        var stranger = fixtures.organisation().processLead();
        for (var who : new String[] {stranger, w.org().interviewers().get(0)}) {
            mvc.perform(as(get("/rounds/{id}/memo", w.roundId()), who)).andExpect(status().isNotFound());
            mvc.perform(save(w, generated, 2, null, MemoSection.ECONOMY, "Intrång.").with(user(who).roles("STAFF")))
                    .andExpect(status().isNotFound());
            mvc.perform(as(get("/rounds/{id}/memo/compare", w.roundId()).param("from", "1").param("to", "2"), who))
                    .andExpect(status().isNotFound());
            mvc.perform(as(get("/rounds/{id}/memo.docx", w.roundId()), who)).andExpect(status().isNotFound());
            mvc.perform(as(get("/rounds/{id}/memo.pdf", w.roundId()).param("version", "1"), who)).andExpect(status().isNotFound());
        }
        mvc.perform(as(get("/rounds/{id}/memo", 987654321L), w.lead())).andExpect(status().isNotFound());
        mvc.perform(as(get("/rounds/{id}/memo.pdf", w.roundId()).param("version", "7"), w.lead())).andExpect(status().isNotFound());
        assertThat(TestFixtures.as(w.lead(), () -> drafts.versions(w.roundId()))).hasSize(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'MEMO_SAVE' and actor = ? and outcome = 'DENIED'")
                .param(w.org().interviewers().get(0)).query(Integer.class).single()).isEqualTo(1);
    }

    // -------------------------------------------------------------------------------------------

    private MockHttpServletRequestBuilder save(MemoWorld.World w, MemoContent content, int base, String comment,
                                               MemoSection changed, String text) {
        var request = post("/rounds/{id}/memo", w.roundId()).with(user(w.lead()).roles("STAFF")).with(csrf())
                .param("baseVersion", Integer.toString(base));
        for (var section : MemoSection.values()) {
            request.param(section.field(), section == changed ? text : content.text(section));
        }
        request.param("signer1Name", content.signer(0).name()).param("signer1Title", content.signer(0).title())
                .param("signer2Name", content.signer(1).name()).param("signer2Title", content.signer(1).title());
        if (comment != null) {
            request.param("comment", comment);
        }
        return request;
    }

    private byte[] pdf(MemoWorld.World w, String path) throws Exception {
        return mvc.perform(as(get(path, w.roundId()), w.lead())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String username) {
        return request.with(user(username).roles("STAFF"));
    }

    private int audits(String action, String type, String recordId, String actor) {
        return jdbc.sql("select count(*) from audit_event where action = ? and record_type = ? and record_id = ? and actor = ? and outcome = 'SUCCESS'")
                .params(action, type, recordId, actor).query(Integer.class).single();
    }

    private static String html(String page) {
        return HtmlUtils.htmlUnescape(page);
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    static String docxText(byte[] docx) throws Exception {
        try (var document = new XWPFDocument(new ByteArrayInputStream(docx)); var extractor = new XWPFWordExtractor(document)) {
            return extractor.getText();
        }
    }
}
