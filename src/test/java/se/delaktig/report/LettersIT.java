package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.Gender;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;

@IntegrationTest
class LettersIT {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired AuditLog audit;
    @Autowired MockMvc mvc;

    TestFixtures.Org org;
    Round round;

    @BeforeEach
    void round() {
        org = fixtures.organisation();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), fixtures.smallGuide(),
                new RoundService.Plan("Brev " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
    }

    private Participant child(int age, String language, String firstName) {
        return TestFixtures.as(org.processLead(), () -> participants.add(round.id(), new ParticipantService.NewParticipant(
                age, Gender.GIRL, language, null, firstName, null, List.of(), List.of())));
    }

    private String pdfText(String path, String username) throws Exception {
        var response = mvc.perform(get(path).with(user(username).roles("STAFF"))).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).doesNotContain("Alva", "Noah");
        try (var pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            // Every printed page must carry text: a blank trailing page wastes paper and confuses.
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                var stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(pdf)).as(path + " page " + page).isNotBlank();
            }
            return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        }
    }

    @Test
    void aYoungChildGetsSimpleWordsWithItsFirstNameInSwedishAndInEnglish() throws Exception {
        var alva = child(7, "en", "Alva");
        var text = pdfText("/participants/" + alva.id() + "/letters/child.pdf", org.processLead());
        assertThat(text).contains("Hej Alva!", "ingen blir arg på dig", "Hello Alva!", "nobody will be cross with you");
        assertThat(text).doesNotContain("aldrig har arbetat med ditt ärende");

        var guardians = pdfText("/participants/" + alva.id() + "/letters/guardians.pdf", org.processLead());
        assertThat(guardians).contains("Till vårdnadshavare för Alva", "under 15 år", "To the guardians of Alva",
                "Petra Processledare");
        assertThat(audit.find(new AuditLog.Filter(org.processLead(), "participant", String.valueOf(alva.id()), null, null), 50))
                .extracting(AuditLog.Entry::action).contains("PRINT_LETTER", "READ_KEY_LIST");
    }

    @Test
    void aTeenagerGetsGrownUpWordsAndOnlySwedishWhenTheLetterIsNotTranslated() throws Exception {
        var noah = child(16, "ti", "Noah");
        var text = pdfText("/api/v1/participants/" + noah.id() + "/letters/child.pdf", org.processLead());
        assertThat(text).contains("Hej Noah!", "aldrig har arbetat med ditt ärende");
        assertThat(text).doesNotContain("ingen blir arg", "Hello");
        var middle = pdfText("/participants/" + child(10, "sv", "Ebba").id() + "/letters/child.pdf", org.processLead());
        assertThat(middle).contains("Hej Ebba!", "som inte är din egen");
    }

    @Test
    void lettersAreForTheProcessLeadOnlyEveryoneElseGetsTheMissingPage() throws Exception {
        var alva = child(7, "sv", "Alva");
        var stranger = fixtures.organisation();
        for (var path : List.of("/participants/%d/letters/child.pdf", "/participants/%d/letters/guardians.pdf",
                "/api/v1/participants/%d/letters/child.pdf")) {
            for (var who : List.of(stranger.processLead(), org.manager(), org.interviewers().get(0))) {
                var other = mvc.perform(get(String.format(path, alva.id())).with(user(who).roles("STAFF"))).andReturn().getResponse();
                var missing = mvc.perform(get(String.format(path, alva.id() + 1_000_000)).with(user(who).roles("STAFF")))
                        .andReturn().getResponse();
                assertThat(other.getStatus()).as(who + " " + path).isEqualTo(404);
                assertThat(missing.getStatus()).isEqualTo(404);
                assertThat(other.getContentAsString()).doesNotContain("Alva");
            }
        }
        var wrongKind = mvc.perform(get("/participants/" + alva.id() + "/letters/teacher.pdf").with(user(org.processLead()).roles("STAFF")))
                .andReturn().getResponse();
        assertThat(wrongKind.getStatus()).isEqualTo(404);
    }
}
