package se.delaktig.report;

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
        var pdf = PdfDocuments.render(html(name.firstName()), "a diploma");
        audit.success("EXPORT_DIPLOMA", "interview", interviewId, name.unitId());
        return new CommitteeMemos.Pdf("diplom.pdf", pdf);
    }

    /** The diploma as XHTML, as it goes into the PDF renderer. */
    String html(String firstName) {
        var context = new Context(CommitteeMemos.SWEDISH);
        context.setVariable("firstName", firstName);
        return templates.process("report/diploma", context);
    }

}
