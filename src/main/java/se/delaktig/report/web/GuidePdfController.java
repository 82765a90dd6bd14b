package se.delaktig.report.web;

import se.delaktig.report.PdfDocuments;

import java.util.Locale;

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

    private final Guides guides;
    private final ITemplateEngine templates;

    GuidePdfController(Guides guides, ITemplateEngine templates) {
        this.guides = guides;
        this.templates = templates;
    }

    @GetMapping("/guides/{id}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        var guide = guides.find(id).orElseThrow(NotFoundException::new);
        var pdf = PdfDocuments.render(html(guide), "guide " + guide.id() + " as PDF");
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

}
