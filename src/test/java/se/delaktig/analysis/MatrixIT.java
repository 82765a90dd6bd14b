package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class MatrixIT {

    static final List<String> AREAS = List.of("Kontakt", "Kunskap", "Delaktighet", "Att bli intervjuad");

    @Autowired MatrixWorld world;
    @Autowired AnalysisMatrix matrices;
    @Autowired StaffExperiences staff;
    @Autowired TestFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @Test
    void reflectionsAreCompiledPerAreaAndCodeWithTheInterviewsTheyCover() throws Exception {
        var uncoded = world.uncoded();
        var before = TestFixtures.as(uncoded.org().manager(), () -> staff.compile(uncoded.roundId()));
        assertThat(before.areas()).allSatisfy(a -> assertThat(a.codes()).isEmpty());
        assertThat(before.uncoded()).extracting(StaffExperiences.Uncoded::text)
                .containsExactlyInAnyOrder(CodingWorld.REFLECTION_A, MatrixWorld.REFLECTION_B);

        var w = world.create();
        var page = TestFixtures.as(w.org().manager(), () -> staff.compile(w.roundId()));

        var contact = page.areas().get(0);
        assertThat(contact.title()).isEqualTo("Kontakt");
        assertThat(contact.codes()).singleElement().satisfies(c -> {
            assertThat(c.codeName()).isEqualTo("Tid och plats för möten");
            assertThat(c.interviews()).isEqualTo(2);
            assertThat(c.interviewers()).isEqualTo(2);
            assertThat(c.segments()).extracting(Segment::excerpt)
                    .containsExactlyInAnyOrder(CodingWorld.REFLECTION_A, MatrixWorld.REFLECTION_B);
        });
        // The child's words coded in the same area are not staff experiences.
        assertThat(page.areas()).flatExtracting(StaffExperiences.AreaReflections::codes)
                .extracting(StaffExperiences.CodeReflections::codeName).doesNotContain("Byte av socialsekreterare");
        assertThat(page.uncoded()).isEmpty();

        mvc.perform(get("/rounds/{id}/reflections", uncoded.roundId()).with(user(uncoded.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Reflektioner som inte är kodade ännu"),
                        containsString(MatrixWorld.REFLECTION_B), containsString("/rounds/" + uncoded.roundId() + "/coding"))));
        mvc.perform(get("/rounds/{id}/reflections", w.roundId()).with(user(w.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Tid och plats för möten"),
                        containsString("Två avsnitt ur två intervjuers reflektioner, skrivna av två intervjuare."),
                        containsString("Alla reflektioner har minst ett kodat avsnitt."))));
        assertThat(audited(w.roundId(), "staff_experiences", "READ")).isPositive();
    }

    @Test
    void themesCountChildrenNotSegmentsAndOnlyApprovedQuotesReachThePage() throws Exception {
        var w = world.create();

        var matrix = TestFixtures.as(w.org().processLead(), () -> matrices.matrix(w.roundId(), Locale.forLanguageTag("sv")));

        assertThat(matrix.rows()).extracting(AnalysisMatrix.Row::title).containsExactlyElementsOf(AREAS);
        var contact = matrix.rows().get(0);
        var changed = contact.themes().stream().filter(t -> t.codeId() == w.changedWorker()).findFirst().orElseThrow();
        // Two segments, one child.
        assertThat(changed.children()).isEqualTo(1);
        assertThat(changed.childrenText()).isEqualTo("ett av två barn");
        // Coded reflections are the staff's words: their theme counts no child and is not shown by default.
        var timePlace = contact.themes().stream().filter(t -> t.codeId() == w.timeAndPlace()).findFirst().orElseThrow();
        assertThat(timePlace.children()).isZero();
        assertThat(contact.shownThemes()).extracting(AnalysisMatrix.Theme::codeId).containsExactly(w.changedWorker());
        assertThat(contact.shownQuotes()).extracting(AnalysisMatrix.QuoteItem::text).containsExactly(MatrixWorld.APPROVED);
        assertThat(contact.staff()).singleElement().satisfies(s -> assertThat(s.interviews()).isEqualTo(2));
        assertThat(contact.proposals()).extracting(MatrixProposals.Proposal::text).containsExactly(MatrixWorld.PROPOSAL);

        mvc.perform(get("/rounds/{id}/matrix", w.roundId()).with(user(w.org().manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<th scope=\"row\">Kontakt</th>"),
                        containsString("ett av två barn"), containsString("”" + MatrixWorld.APPROVED + "”"),
                        containsString(MatrixWorld.PROPOSAL), containsString(CodingWorld.REFLECTION_A),
                        not(containsString(MatrixWorld.CANDIDATE)), not(containsString(MatrixWorld.WITHDRAWN)),
                        // The manager reads; only analysts get the forms.
                        not(containsString("name=\"text\"")))));
        mvc.perform(get("/rounds/{id}/matrix", w.roundId()).param("lang", "en").with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("one of two children"), containsString("What the children said"),
                        containsString("“" + MatrixWorld.APPROVED + "”"), containsString("name=\"text\""))));
        assertThat(audited(w.roundId(), "matrix", "READ")).isPositive();
    }

    @Test
    void theWordDocumentHasHeadingStylesAndATableWithOnlyApprovedQuotes() throws Exception {
        var w = world.create();
        TestFixtures.run(w.interviewer(), () -> matrices.save(w.roundId(), "kontakt", AnalysisMatrix.Column.CHILDREN, 0,
                "Barnen vill ha färre byten."));

        var response = mvc.perform(get("/rounds/{id}/matrix.docx", w.roundId()).with(user(w.org().manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .andExpect(header().string("Content-Disposition", containsString(".docx")))
                .andReturn().getResponse().getContentAsByteArray();

        try (var docx = new XWPFDocument(new ByteArrayInputStream(response))) {
            assertThat(docx.getStyles().styleExist("Heading1")).isTrue();
            assertThat(docx.getStyles().getStyle("Heading1").getName()).isEqualTo("heading 1");
            assertThat(docx.getParagraphs()).filteredOn(p -> "Title".equals(p.getStyle())).extracting(XWPFParagraph::getText)
                    .singleElement().asString().contains(w.base().title());
            assertThat(docx.getParagraphs()).filteredOn(p -> "Heading1".equals(p.getStyle())).isNotEmpty();
            assertThat(docx.getTables()).hasSize(1);
            var table = docx.getTables().get(0);
            assertThat(table.getRows()).hasSize(1 + AREAS.size());
            assertThat(table.getRow(0).getTableCells()).extracting(c -> c.getText())
                    .containsExactly("Område", "Vad barnen sa", "Personalens erfarenheter", "Förslag");
            assertThat(table.getRow(0).isRepeatHeader()).isTrue();
            var contact = table.getRow(1);
            assertThat(contact.getCell(0).getText()).isEqualTo("Kontakt");
            assertThat(contact.getCell(1).getText()).contains("Barnen vill ha färre byten.",
                    "Byte av socialsekreterare: ett av två barn", "”" + MatrixWorld.APPROVED + "”");
            assertThat(contact.getCell(2).getText()).contains("Tid och plats för möten: reflektioner ur två intervjuer")
                    // The reflections themselves stay in Delaktig.
                    .doesNotContain(CodingWorld.REFLECTION_A);
            assertThat(contact.getCell(3).getText()).contains("1. " + MatrixWorld.PROPOSAL);
            try (var extractor = new XWPFWordExtractor(docx)) {
                assertThat(extractor.getText()).doesNotContain(MatrixWorld.CANDIDATE, MatrixWorld.WITHDRAWN);
            }
        }
        assertThat(audited(w.roundId(), "round", "EXPORT_MATRIX_DOCX")).isPositive();
    }

    @Test
    void thePdfHasTheAreasAndOnlyApprovedQuotes() throws Exception {
        var w = world.create();

        var response = mvc.perform(get("/rounds/{id}/matrix.pdf", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();

        try (var pdf = Loader.loadPDF(response)) {
            var text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(AREAS).contains("Vad barnen sa", MatrixWorld.APPROVED, MatrixWorld.PROPOSAL)
                    .doesNotContain(MatrixWorld.CANDIDATE, MatrixWorld.WITHDRAWN, CodingWorld.REFLECTION_A);
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isGreaterThan(pdf.getPage(0).getMediaBox().getHeight());
        }
        assertThat(audited(w.roundId(), "round", "EXPORT_MATRIX_PDF")).isPositive();
    }

    @Test
    void aCellIsSavedEncryptedAndAStaleSaveIsToldWithTheOtherTextShown() throws Exception {
        var w = world.create();
        var lead = w.org().processLead();

        var first = TestFixtures.as(lead, () -> matrices.save(w.roundId(), "kontakt", AnalysisMatrix.Column.STAFF, 0,
                "Personalen vill träffa barnen oftare."));
        assertThat(first.conflict()).isFalse();
        assertThat(first.cell().version()).isEqualTo(1);
        var stored = jdbc.sql("select team_text from matrix_cell where round_id = ? and area_code = 'kontakt' and column_key = 'STAFF'")
                .param(w.roundId()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("träffa barnen");

        // The interviewer had the page open from before and saves on version 0.
        var stale = TestFixtures.as(w.interviewer(), () -> matrices.save(w.roundId(), "kontakt", AnalysisMatrix.Column.STAFF, 0,
                "Min egen sammanfattning."));
        assertThat(stale.conflict()).isTrue();
        assertThat(stale.cell().text()).isEqualTo("Personalen vill träffa barnen oftare.");
        assertThat(stale.cell().updatedBy()).isEqualTo(lead);
        assertThat(stale.yourText()).isEqualTo("Min egen sammanfattning.");

        // The page tells it: the other text shown, the interviewer's own kept in the box.
        mvc.perform(post("/rounds/{id}/matrix/cells/kontakt/staff", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("version", "0").param("text", "Min egen sammanfattning."))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("sparade en nyare text i cellen"),
                        containsString("Personalen vill träffa barnen oftare."), containsString(">Min egen sammanfattning.</textarea>"))));
        // With htmx only the cell comes back, with the status line.
        mvc.perform(post("/rounds/{id}/matrix/cells/kontakt/staff", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .header("HX-Request", "true").param("version", "1").param("text", "Vi är överens."))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(">Vi är överens.</textarea>"), containsString("value=\"2\""),
                        containsString("hx-swap-oob"), containsString("Teamets text är sparad"), not(containsString("<html")))));
        assertThat(TestFixtures.as(w.org().manager(), () -> matrices.cell(w.roundId(), "kontakt", AnalysisMatrix.Column.STAFF)))
                .extracting(AnalysisMatrix.Cell::text, AnalysisMatrix.Cell::version).containsExactly("Vi är överens.", 2);
        assertThat(audited(w.roundId(), "matrix", "MATRIX_EDIT")).isPositive();
    }

    @Test
    void identityNumbersAreRefusedAndTheUnitManagerCannotEdit() throws Exception {
        var w = world.create();

        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> matrices.save(w.roundId(), "kontakt",
                AnalysisMatrix.Column.PROPOSALS, 0, "Gäller 20121212-1212")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("text"));
        mvc.perform(post("/rounds/{id}/matrix/cells/kontakt/proposals", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("version", "0").param("text", "Gäller 20121212-1212"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Texten innehåller ett personnummer"),
                        containsString("aria-invalid=\"true\""), containsString("cell-kontakt-proposals-error"))));
        assertThat(jdbc.sql("select count(*) from matrix_cell where round_id = ?").param(w.roundId()).query(Integer.class).single())
                .isZero();

        assertThatThrownBy(() -> TestFixtures.as(w.org().manager(), () -> matrices.save(w.roundId(), "kontakt",
                AnalysisMatrix.Column.CHILDREN, 0, "Chefens text"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theAnalystChoosesWhichThemesAndQuotesTheMatrixShows() throws Exception {
        var w = world.create();
        var lead = w.org().processLead();

        mvc.perform(post("/rounds/{id}/matrix/areas/kontakt/choice", w.roundId()).with(user(lead).roles("STAFF")).with(csrf())
                        .param("themes", String.valueOf(w.changedWorker()), String.valueOf(w.timeAndPlace())))
                .andExpect(status().is3xxRedirection());

        var contact = TestFixtures.as(lead, () -> matrices.matrix(w.roundId(), Locale.forLanguageTag("sv"))).rows().get(0);
        assertThat(contact.shownThemes()).extracting(AnalysisMatrix.Theme::codeId)
                .containsExactly(w.changedWorker(), w.timeAndPlace());
        assertThat(contact.shownThemes().get(1).childrenText()).isEqualTo("inget av de två barnen");
        assertThat(contact.shownQuotes()).isEmpty();
        var docx = mvc.perform(get("/rounds/{id}/matrix.docx", w.roundId()).with(user(lead).roles("STAFF")))
                .andReturn().getResponse().getContentAsByteArray();
        try (var document = new XWPFDocument(new ByteArrayInputStream(docx)); var text = new XWPFWordExtractor(document)) {
            assertThat(text.getText()).doesNotContain(MatrixWorld.APPROVED).contains("Tid och plats för möten: inget av de två barnen");
        }
    }

    @Test
    void anotherUnitIsTold404Everywhere() throws Exception {
        var w = world.create();
        var stranger = fixtures.organisation().processLead();

        for (var path : List.of("/rounds/{id}/matrix", "/rounds/{id}/reflections", "/rounds/{id}/matrix.docx", "/rounds/{id}/matrix.pdf")) {
            mvc.perform(get(path, w.roundId()).with(user(stranger).roles("STAFF"))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/rounds/{id}/matrix/cells/kontakt/children", w.roundId()).with(user(stranger).roles("STAFF")).with(csrf())
                        .param("version", "0").param("text", "x"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/rounds/{id}/matrix/areas/kontakt/choice", w.roundId()).with(user(stranger).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());
        assertThatThrownBy(() -> TestFixtures.as(stranger, () -> matrices.matrix(w.roundId()))).isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from matrix_cell where round_id = ?").param(w.roundId()).query(Integer.class).single())
                .isZero();
    }

    private int audited(long roundId, String recordType, String action) {
        return jdbc.sql("select count(*) from audit_event where record_type = ? and action = ? and (record_id = ? or record_id = ?)")
                .params(recordType, action, "round:" + roundId, String.valueOf(roundId)).query(Integer.class).single();
    }
}
