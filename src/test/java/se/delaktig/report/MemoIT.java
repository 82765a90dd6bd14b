package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.InterviewedRound;

@IntegrationTest
class MemoIT {

    @Autowired
    InterviewedRound interviewedRound;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void processLeadDownloadsTheMemoWithTheMunicipalSectionsAndTheCounts() throws Exception {
        var round = interviewedRound.create();

        var response = mvc.perform(get("/rounds/{id}/memo.pdf", round.roundId()).with(user(round.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"tjansteskrivelse-omgang-" + round.org().suffix() + "-barn-familj.pdf\""))
                .andReturn().getResponse();

        try (var pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            var text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Socialnämnden");
            assertThat(text).containsSubsequence("Förslag till beslut", "Sammanfattning", "Ärendet",
                    "Ekonomiska konsekvenser", "Konsekvenser för barn", "Bilagor", "Intervjuguide: Barns röster om socialtjänsten, version 1");
            assertThat(text).contains("Två av tre barn svarar ja på frågan");
            assertThat(text).contains("Enheten tillfrågade fem barn. Av dem samtyckte fyra och ett avböjde.");
            assertThat(text).contains("Enheten har genomfört och avslutat tre intervjuer");
            assertThat(text).contains("Erik Enhetschef").contains("Petra Processledare");
            assertThat(pdf.getDocumentCatalog().getMarkInfo()).isNotNull();
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).as("tagged PDF").isTrue();
            assertThat(pdf.getDocumentInformation().getTitle()).contains(round.title());
        }
        var audited = jdbc.sql("select count(*) from audit_event where action = 'EXPORT_MEMO' and record_id = ? and actor = ? and outcome = 'SUCCESS'")
                .params(Long.toString(round.roundId()), round.org().processLead()).query(Integer.class).single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void unitManagerMayDownloadButInterviewersAndOtherMunicipalitiesGet404() throws Exception {
        var round = interviewedRound.create();
        var stranger = fixtures.organisation();

        mvc.perform(get("/rounds/{id}/memo.pdf", round.roundId()).with(user(round.org().manager()).roles("STAFF")))
                .andExpect(status().isOk());
        mvc.perform(get("/rounds/{id}/memo.pdf", round.roundId()).with(user(round.org().interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/rounds/{id}/memo.pdf", round.roundId()).with(user(stranger.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/rounds/{id}/memo.pdf", 987654321L).with(user(stranger.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
    }
}
