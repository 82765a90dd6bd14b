package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

/** The PDF/A check itself: a plain PDF without archival metadata must be caught, or the conformance test proves nothing. */
class PdfATest {

    @Test
    void aPlainPdfWithoutArchivalMetadataIsReportedAsBreakingPdfA() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var document = new PDDocument()) {
            document.addPage(new PDPage());
            document.save(out);
        }
        assertThat(PdfA.failures2u(out.toByteArray()))
                .as("a PDF with no XMP metadata and no output intent")
                .isNotEmpty()
                .anySatisfy(failure -> assertThat(failure).startsWith("6.6.2.1"));
    }
}
