package se.delaktig.report;

import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.RoundService;
import se.delaktig.seminar.Agendas;

/**
 * The seminar agenda as a PDF to hand out: the same agenda as the page (seminar module), in the
 * person's language, tagged and PDF/A like every document Delaktig renders. It holds themes, counts
 * and approved quotes only. Anyone who may see the round's seminar may download it.
 */
@Service
@Transactional
public class SeminarAgendas {

    private final Agendas agendas;
    private final RoundService rounds;
    private final AuditLog audit;
    private final ITemplateEngine templates;

    SeminarAgendas(Agendas agendas, RoundService rounds, AuditLog audit, ITemplateEngine templates) {
        this.agendas = agendas;
        this.rounds = rounds;
        this.audit = audit;
        this.templates = templates;
    }

    public CommitteeMemos.Pdf pdf(long roundId, Locale locale) {
        var round = rounds.get(roundId);
        var agenda = agendas.agenda(roundId, locale);
        var context = new Context(locale);
        context.setVariable("agenda", agenda);
        context.setVariable("lang", "en".equals(locale.getLanguage()) ? "en" : "sv");
        var html = templates.process("report/agenda", context);
        var pdf = PdfDocuments.render(html, "the seminar agenda of round " + roundId);
        audit.success("EXPORT_AGENDA", "seminar", roundId, round.unitId());
        var prefix = "en".equals(locale.getLanguage()) ? "agenda-" : "dagordning-";
        return new CommitteeMemos.Pdf(prefix + CommitteeMemos.slug(round.title()) + ".pdf", pdf);
    }
}
