package se.delaktig.report;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.analysis.Counts;
import se.delaktig.analysis.NumberWords;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.StaffMember;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Participant;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.web.NotFoundException;

/**
 * Drafts the memo to the social committee and renders it as a PDF. Only the process leads and unit
 * managers of the round's unit may export it – they are the ones who sign it; anyone else is told
 * the round does not exist.
 */
@Service
@Transactional(readOnly = true)
public class CommitteeMemos {

    /** The committee a unit of individual and family care reports to. */
    public static final String COMMITTEE = "Socialnämnden";

    static final Locale SWEDISH = Locale.forLanguageTag("sv");

    // PDFBox ships this font (Maven Central, Apache/SIL licensed) for its own fallback. Using it means
    // every glyph is embedded, as PDF/A requires, without adding a font file to this repository.

    /** A rendered memo and the file name to offer it under. */
    public record Pdf(String filename, byte[] content) {
    }

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Counts counts;
    private final Organization organization;
    private final AuditLog audit;
    private final ITemplateEngine templates;

    CommitteeMemos(RoundService rounds, ParticipantService participants, Counts counts, Organization organization,
                   AuditLog audit, ITemplateEngine templates) {
        this.rounds = rounds;
        this.participants = participants;
        this.counts = counts;
        this.organization = organization;
        this.audit = audit;
        this.templates = templates;
    }

    /** The memo draft of a round, for a process lead or unit manager of its unit; otherwise a 404. */
    public CommitteeMemo draft(long roundId) {
        var round = signableRound(roundId);
        return assemble(round);
    }

    /** The memo draft as a PDF (PDF/A-2u, tagged), audited as an export. */
    public Pdf pdf(long roundId) {
        var round = signableRound(roundId);
        var memo = assemble(round);
        var html = html(memo);
        var pdf = PdfDocuments.render(html, "the memo of round " + memo.roundId());
        audit.success("EXPORT_MEMO", "round", roundId, round.unitId());
        return new Pdf("tjansteskrivelse-" + slug(round.title()) + ".pdf", pdf);
    }

    /** The memo as XHTML, as it goes into the PDF renderer. */
    String html(CommitteeMemo memo) {
        var context = new Context(SWEDISH);
        context.setVariable("memo", memo);
        context.setVariable("committee", COMMITTEE);
        var p = memo.participation();
        context.setVariable("words", new Words(p));
        return templates.process("report/memo", context);
    }

    /** Counts in words for the template: "tio barn tillfrågades", as the memo's prose wants them. */
    public record Words(String asked, String consented, String declined, String pending, String interviewed,
                        String interviewers) {
        Words(CommitteeMemo.Participation p) {
            this(w(p.asked()), w(p.consented()), w(p.declined()), w(p.pending()), w(p.interviewed()), w(p.interviewers()));
        }

        private static String w(int n) {
            return NumberWords.of(n, SWEDISH);
        }
    }

    private Round signableRound(long roundId) {
        var round = rounds.get(roundId);
        var username = currentUsername();
        var mayExport = signatoriesOf(round.unitId()).stream().anyMatch(s -> s.username().equals(username));
        if (!mayExport) {
            audit.record("EXPORT_MEMO", "round", roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return round;
    }

    private java.util.List<StaffMember> signatoriesOf(long unitId) {
        var list = new ArrayList<>(organization.staffOfUnit(unitId, Role.UNIT_MANAGER));
        organization.staffOfUnit(unitId, Role.PROCESS_LEAD).stream()
                .filter(s -> list.stream().noneMatch(m -> m.id() == s.id()))
                .forEach(list::add);
        return list;
    }

    private CommitteeMemo assemble(Round round) {
        var unit = organization.unit(round.unitId()).orElseThrow(NotFoundException::new);
        var roundCounts = counts.forRound(round.id(), SWEDISH);
        var list = participants.of(round.id());
        var participation = new CommitteeMemo.Participation(list.size(),
                count(list, ConsentStatus.CONSENTED), count(list, ConsentStatus.DECLINED), count(list, ConsentStatus.PENDING),
                roundCounts.completedInterviews(),
                (int) list.stream().map(Participant::interviewerId).filter(Objects::nonNull).distinct().count());
        var managers = organization.staffOfUnit(round.unitId(), Role.UNIT_MANAGER);
        var signatories = new ArrayList<CommitteeMemo.Signatory>();
        managers.forEach(s -> signatories.add(new CommitteeMemo.Signatory(s.displayName(), s.title(),
                "report.memo.role.UNIT_MANAGER")));
        organization.staffOfUnit(round.unitId(), Role.PROCESS_LEAD).stream()
                .filter(s -> managers.stream().noneMatch(m -> m.id() == s.id()))
                .forEach(s -> signatories.add(new CommitteeMemo.Signatory(s.displayName(), s.title(),
                        "report.memo.role.PROCESS_LEAD")));
        return new CommitteeMemo(round.id(), round.title(), unit.name(), unit.municipalityName(),
                LocalDate.now(AuditLog.ZONE), round.periodStart(), round.periodEnd(), roundCounts.guideLabel(),
                participation, roundCounts, signatories);
    }

    private static int count(java.util.List<Participant> list, ConsentStatus status) {
        return (int) list.stream().filter(p -> p.consent() == status).count();
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

    private static String currentUsername() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "" : auth.getName();
    }
}
