package se.delaktig.report;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Organization;
import se.delaktig.web.NotFoundException;

/**
 * The memo to the social committee as documents: a PDF (PDF/A-2u, tagged, with bar charts and the
 * interview guide as its appendix) and a Word document, each of a chosen version – by default the
 * latest, or the draft generated from the round while none is saved. Only the process leads and
 * unit managers of the round's unit may export it; anyone else is told the round does not exist.
 */
@Service
@Transactional
public class CommitteeMemos {

    /** The committee a unit of individual and family care reports to. */
    public static final String COMMITTEE = "Socialnämnden";

    static final Locale SWEDISH = Locale.forLanguageTag("sv");

    /** A rendered document and the file name to offer it under. */
    public record Pdf(String filename, byte[] content) {
    }

    private final MemoDrafts drafts;
    private final Organization organization;
    private final Guides guides;
    private final AuditLog audit;
    private final ITemplateEngine templates;
    private final MessageSource messages;

    CommitteeMemos(MemoDrafts drafts, Organization organization, Guides guides, AuditLog audit, ITemplateEngine templates,
                   MessageSource messages) {
        this.messages = messages;
        this.drafts = drafts;
        this.organization = organization;
        this.guides = guides;
        this.audit = audit;
        this.templates = templates;
    }

    /** The latest version (or the generated draft) as a PDF. */
    public Pdf pdf(long roundId) {
        return pdf(roundId, null);
    }

    /** A version (null: the latest, or the generated draft) as a PDF (PDF/A-2u, tagged), audited as an export. */
    public Pdf pdf(long roundId, Integer version) {
        var memo = memo(roundId, version, "EXPORT_MEMO");
        var guide = guides.find(memo.guideId()).orElseThrow(NotFoundException::new);
        var context = new Context(SWEDISH);
        context.setVariable("memo", memo.printed());
        context.setVariable("guide", guide);
        context.setVariable("questionCount", guide.questions().count());
        var pdf = PdfDocuments.render(templates.process("report/memo", context), "the memo of round " + roundId);
        audit.success("EXPORT_MEMO", "round", roundId, memo.unitId());
        return new Pdf(filename(memo.printed(), "pdf"), pdf);
    }

    /** A version (null: the latest, or the generated draft) as a Word document, audited as an export. */
    public Pdf docx(long roundId, Integer version) {
        var memo = memo(roundId, version, "EXPORT_MEMO_DOCX");
        var docx = MemoDocx.write(memo.printed(), messages);
        audit.success("EXPORT_MEMO_DOCX", "round", roundId, memo.unitId());
        return new Pdf(filename(memo.printed(), "docx"), docx);
    }

    private record Assembled(CommitteeMemo printed, long guideId, long unitId) {
    }

    private Assembled memo(long roundId, Integer version, String action) {
        var chosen = drafts.chosen(roundId, version, action);
        var round = chosen.round();
        var unit = organization.unit(round.unitId()).orElseThrow(NotFoundException::new);
        var guide = guides.find(round.guideId()).orElseThrow(NotFoundException::new);
        var sections = new ArrayList<CommitteeMemo.Section>();
        for (var section : MemoSection.values()) {
            sections.add(new CommitteeMemo.Section(section, section.headingKey(),
                    MemoText.blocks(chosen.content().text(section))));
        }
        var figures = new ArrayList<CommitteeMemo.Figure>();
        for (var area : chosen.facts().areas()) {
            for (var question : area.questions()) {
                if (question.charted()) {
                    figures.add(new CommitteeMemo.Figure(figures.size() + 1, area.title(), question.text(), MemoChart.of(question)));
                }
            }
        }
        var date = chosen.version() == null ? LocalDate.now(AuditLog.ZONE)
                : LocalDate.ofInstant(chosen.version().savedAt(), AuditLog.ZONE);
        var printed = new CommitteeMemo(round.id(), round.title(), COMMITTEE, unit.name(), unit.municipalityName(), date,
                chosen.version() == null ? null : chosen.version().number(), List.copyOf(sections), chosen.facts(),
                List.copyOf(figures), chosen.content().printedSigners(), guide.label());
        return new Assembled(printed, guide.id(), round.unitId());
    }

    private static String filename(CommitteeMemo memo, String extension) {
        var version = memo.version() == null ? "" : "-version-" + memo.version();
        return "tjansteskrivelse-" + slug(memo.roundTitle()) + version + "." + extension;
    }

    /** "Omgång 2026 – Barn & familj" becomes "omgang-2026-barn-familj". */
    static String slug(String title) {
        var ascii = Normalizer.normalize(title.toLowerCase(SWEDISH), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        var slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "omgang" : slug;
    }
}
