package se.delaktig.report.web;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.guide.Guide;
import se.delaktig.guide.Guides;
import se.delaktig.web.NotFoundException;

/**
 * One guide version as a PDF (PDF/A-2u, tagged) to attach to the committee memo as its appendix.
 * Guides are not child data, so every signed-in staff member may download it, as they may read it.
 * Rendered the way the memo is ({@code CommitteeMemos}): Thymeleaf XHTML through openhtmltopdf with
 * the Liberation Sans font PDFBox ships.
 */
@Controller
class GuidePdfController {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final String FONT_FAMILY = "Liberation Sans";

    private final Guides guides;
    private final ITemplateEngine templates;

    GuidePdfController(Guides guides, ITemplateEngine templates) {
        this.guides = guides;
        this.templates = templates;
    }

    @GetMapping("/guides/{id}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        var guide = guides.find(id).orElseThrow(NotFoundException::new);
        var pdf = render(html(guide), guide);
        var filename = "intervjuguide-version-" + guide.version() + ".pdf";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(pdf);
    }

    private String html(Guide guide) {
        // The appendix goes with a Swedish committee memo, so it is Swedish whatever the page language.
        var context = new Context(SWEDISH);
        context.setVariable("guide", guide);
        context.setVariable("questionCount", guide.questions().count());
        return templates.process("report/guide", context);
    }

    private static byte[] render(String html, Guide guide) {
        try (var out = new ByteArrayOutputStream()) {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.usePdfAConformance(PdfAConformance.PDFA_2_U);
            builder.useColorProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
            builder.useFont(() -> GuidePdfController.class.getResourceAsStream(FONT), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            // No bold face at hand (see CommitteeMemos): the same face for 700 keeps bold text embedded.
            builder.useFont(() -> GuidePdfController.class.getResourceAsStream(FONT), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            // The guide needs nothing from outside; rendering must not reach the network or the file system.
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render guide " + guide.id() + " as PDF", e);
        }
    }
}
