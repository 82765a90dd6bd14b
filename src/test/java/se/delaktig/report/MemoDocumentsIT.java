package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;

/**
 * The memo's documents as the committee's secretariat would receive them: the Word file opens in
 * LibreOffice and reads as the memo; the PDF's pages show something; the PDF is PDF/A-2u.
 */
@IntegrationTest
class MemoDocumentsIT {

    @Autowired MemoWorld memoWorld;
    @Autowired MockMvc mvc;

    private Path work;

    @BeforeEach
    void workDirectory() throws IOException {
        work = Files.createTempDirectory("delaktig-memo-documents-");
    }

    @AfterEach
    void removeWorkDirectory() throws IOException {
        FileSystemUtils.deleteRecursively(work);
    }

    @Test
    void theWordDocumentOpensInLibreOfficeWithItsHeadingsTablesAndCountSentences() throws Exception {
        var w = memoWorld.create();
        var docx = mvc.perform(get("/rounds/{id}/memo.docx", w.roundId()).with(user(w.lead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", MemoController_DOCX))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"tjansteskrivelse-kodningsomgang-"
                        + w.org().suffix() + ".docx\""))
                .andReturn().getResponse().getContentAsByteArray();

        var text = libreOfficeText(docx);
        assertThat(text).contains("Socialnämnden", "Tjänsteskrivelse");
        assertThat(text).containsSubsequence("Förslag till beslut", "Sammanfattning", "Ärendet", "Bakgrund och metod",
                "Urval och deltagande", "Resultat", "Förslag från seminariet", "Ekonomiska konsekvenser",
                "Konsekvenser för barn", "Bilagor", "Erik Enhetschef", "Enhetschef", "Petra Processledare", "Processledare");
        assertThat(text.replaceAll("\\s+", " ")).contains("Båda barnen svarar ja på frågan",
                "Enheten tillfrågade två barn. Av dem samtyckte två och noll avböjde.",
                MemoWorld.THEME + ": båda barnen", MemoWorld.APPROVED);
        assertThat(text).doesNotContain(MemoWorld.CANDIDATE, MemoWorld.WITHDRAWN, CodingWorld.WORDS_A);

        // A real Word document: the heading styles exist and are used, and the counts and proposals are tables.
        try (var document = new XWPFDocument(new ByteArrayInputStream(docx))) {
            var styles = document.getParagraphs().stream().map(p -> p.getStyle() == null ? "" : p.getStyle()).toList();
            assertThat(styles).contains("Title", "Heading1", "Heading2");
            assertThat(document.getStyles().getStyle("Heading1").getName()).isEqualTo("heading 1");
            assertThat(document.getTables()).hasSizeGreaterThanOrEqualTo(5);
            var proposals = document.getTables().get(document.getTables().size() - 1);
            assertThat(proposals.getRow(0).getCell(1).getText()).isEqualTo("Förslag");
            assertThat(proposals.getRow(1).getCell(1).getText()).isEqualTo(MemoWorld.PROPOSAL);
            assertThat(document.getTables().get(0).getText()).contains("Har du fått byta socialsekreterare någon gång?", "Ja 2 · Nej 0 · Vet inte 0", "2 av 2");
        }
    }

    @Test
    void thePdfHasVisiblePagesWithChartsAndTheGuideAndIsPdfA2u() throws Exception {
        var w = memoWorld.create();
        var pdf = mvc.perform(get("/rounds/{id}/memo.pdf", w.roundId()).with(user(w.lead()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        assertThat(PdfA.failures2u(pdf)).isEmpty();
        var text = MemoDraftIT.pdfText(pdf);
        assertThat(text).containsSubsequence("Förslag till beslut", "Ärendet", "Tabell 1. Kontakt: svaren per fråga",
                "Figur 1.", "Bilagor", "Bilaga: intervjuguide", "Barns röster om socialtjänsten, version 1");
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).as("tagged PDF").isTrue();
        }

        var pages = pdfPages(pdf);
        assertThat(pages).hasSizeGreaterThan(3);
        for (var page : pages) {
            assertThat(darkPixels(page)).as("ink on " + page.getFileName()).isGreaterThan(500);
        }
        // The first chart: a blue bar the width of two children on a page of its own colour.
        assertThat(pages.stream().mapToLong(MemoDocumentsIT::barPixels).sum()).as("chart bars in the PDF").isGreaterThan(200);
    }

    // -------------------------------------------------------------------------------------------

    private static final String MemoController_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private String libreOfficeText(byte[] docx) throws Exception {
        var input = work.resolve("memo.docx");
        Files.write(input, docx);
        var profile = work.resolve("lo-profile");
        var out = work.resolve("out");
        run(List.of("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore",
                "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out.toString(), input.toString()));
        var converted = out.resolve("memo.txt");
        assertThat(converted).as("LibreOffice converted the document").exists();
        return Files.readString(converted, StandardCharsets.UTF_8);
    }

    private List<Path> pdfPages(byte[] pdf) throws Exception {
        var input = work.resolve("memo.pdf");
        Files.write(input, pdf);
        run(List.of("pdftoppm", "-r", "50", "-png", input.toString(), work.resolve("page").toString()));
        try (var files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().startsWith("page") && p.toString().endsWith(".png"))
                    .sorted().toList();
        }
    }

    private static long darkPixels(Path png) {
        return count(png, rgb -> luminance(rgb) < 200);
    }

    /** Pixels of the bars' blue (#1f5f8b), allowing for anti-aliasing. */
    private static long barPixels(Path png) {
        return count(png, rgb -> {
            int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
            return b > r + 60 && b > g + 20;
        });
    }

    private static long count(Path png, java.util.function.IntPredicate test) {
        try {
            var image = ImageIO.read(png.toFile());
            long n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (test.test(image.getRGB(x, y))) {
                        n++;
                    }
                }
            }
            return n;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int luminance(int rgb) {
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }

    private void run(List<String> command) throws Exception {
        var process = new ProcessBuilder(new ArrayList<>(command)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("process.log").toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within three minutes");
        }
        assertThat(process.exitValue()).as(command.get(0) + " output: " + Files.readString(work.resolve("process.log"))).isZero();
    }
}
