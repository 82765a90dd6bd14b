package se.delaktig.report;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.audit.AuditLog;
import se.delaktig.interview.Interviews;

/**
 * The thank-you diploma the interviewer gives the child: a friendly page with the child's first
 * name and nothing else about the child – no pseudonym, age, unit or round – so that it can be
 * handed over and kept at home without saying anything about the child's contact with social
 * services beyond what the child already knows.
 */
@Service
@Transactional
public class Diplomas {

    // The same embedded font as the committee memo (see CommitteeMemos): PDF/A needs every glyph embedded.
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final Interviews interviews;
    private final AuditLog audit;
    private final ITemplateEngine templates;

    Diplomas(Interviews interviews, AuditLog audit, ITemplateEngine templates) {
        this.interviews = interviews;
        this.audit = audit;
        this.templates = templates;
    }

    /**
     * The diploma for the child of an interview, for the assigned interviewer and the process lead;
     * a 404 for everyone else. Reading the first name is audited by the key list, the export here.
     */
    public CommitteeMemos.Pdf pdf(long interviewId) {
        var name = interviews.diplomaName(interviewId);
        var pdf = render(html(name.firstName()));
        audit.success("EXPORT_DIPLOMA", "interview", interviewId, name.unitId());
        return new CommitteeMemos.Pdf("diplom.pdf", pdf);
    }

    /** The diploma as XHTML, as it goes into the PDF renderer. */
    String html(String firstName) {
        var context = new Context(CommitteeMemos.SWEDISH);
        context.setVariable("firstName", firstName);
        return templates.process("report/diploma", context);
    }

    private static byte[] render(String html) {
        try (var out = new ByteArrayOutputStream()) {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.usePdfAConformance(PdfAConformance.PDFA_2_U);
            builder.useColorProfile(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
            builder.useFont(() -> Diplomas.class.getResourceAsStream(FONT), CommitteeMemos.FONT_FAMILY, 400,
                    FontStyle.NORMAL, true);
            builder.useFont(() -> Diplomas.class.getResourceAsStream(FONT), CommitteeMemos.FONT_FAMILY, 700,
                    FontStyle.NORMAL, true);
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render a diploma", e);
        }
    }
}
