package se.delaktig.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.delaktig.analysis.ApprovedQuote;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.CountSentences;
import se.delaktig.analysis.Counts;
import se.delaktig.analysis.NumberWords;
import se.delaktig.analysis.Quotes;
import se.delaktig.analysis.RoundCounts;
import se.delaktig.guide.QuestionType;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.StaffMember;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.seminar.Seminars;
import se.delaktig.web.NotFoundException;

/**
 * Writes the first draft of a round's memo, in Swedish, from what the round has produced: how many
 * children were asked, declined and were interviewed, the count sentences, the themes of the
 * codebook with how many children each covers ("fem av åtta barn"), the approved quotes – and only
 * approved quotes, never any other text a child said – the seminar's proposals, and what is known
 * about the previous round ({@link MemoFollowUp}). Callers have checked that the person may write
 * the memo.
 */
@Component
class MemoPrefill {

    private final Counts counts;
    private final Codebooks codebooks;
    private final Codings codings;
    private final Quotes quotes;
    private final Seminars seminars;
    private final ParticipantService participants;
    private final Organization organization;
    private final MemoFollowUp followUp;
    private final MessageSource messages;

    MemoPrefill(Counts counts, Codebooks codebooks, Codings codings, Quotes quotes, Seminars seminars,
                ParticipantService participants, Organization organization, MemoFollowUp followUp,
                MessageSource messages) {
        this.counts = counts;
        this.codebooks = codebooks;
        this.codings = codings;
        this.quotes = quotes;
        this.seminars = seminars;
        this.participants = participants;
        this.organization = organization;
        this.followUp = followUp;
        this.messages = messages;
    }

    /** The generated text of every section and the default signers: the unit manager and the process lead. */
    MemoContent content(Round round) {
        var unit = organization.unit(round.unitId()).orElseThrow(NotFoundException::new);
        var roundCounts = counts.forRound(round.id(), CommitteeMemos.SWEDISH);
        var list = participants.of(round.id());
        int asked = list.size();
        int consented = count(list, ConsentStatus.CONSENTED);
        int declined = count(list, ConsentStatus.DECLINED);
        int pending = count(list, ConsentStatus.PENDING);
        int interviewed = roundCounts.completedInterviews();
        int interviewers = (int) list.stream().map(Participant::interviewerId).filter(Objects::nonNull).distinct().count();

        var sections = new EnumMap<MemoSection, String>(MemoSection.class);
        sections.put(MemoSection.PROPOSAL, m("report.memo.proposal.text", round.title()));
        sections.put(MemoSection.SUMMARY, paragraphs(
                m("report.memo.summary.what", unit.name(), round.periodStart(), round.periodEnd()),
                m("report.memo.summary.who", w(asked), w(interviewed)),
                m("report.memo.summary.next")));

        var text = new StringBuilder();
        heading(text, m("report.memo.case.background.heading"));
        paragraph(text, m("report.memo.case.background.text"));
        paragraph(text, m("report.memo.case.method.text", roundCounts.guideLabel()));
        heading(text, m("report.memo.case.participation.heading"));
        var participation = new StringBuilder(m("report.memo.case.participation.asked", w(asked), w(consented), w(declined)));
        if (pending > 0) {
            participation.append(' ').append(m("report.memo.case.participation.pending", w(pending)));
        }
        participation.append(' ').append(m("report.memo.case.participation.interviewed", w(interviewed), w(interviewers)));
        paragraph(text, participation.toString());
        heading(text, m("report.memo.case.results.heading"));
        paragraph(text, m("report.memo.case.results.intro", w(interviewed)));
        results(text, round, roundCounts);
        proposals(text, round);
        heading(text, m("report.memo.followUp.heading"));
        // A part made of "- " lines is a list and keeps its lines; anything else is one paragraph.
        followUpSection(round).forEach(p -> {
            if (p.startsWith("- ")) {
                list(text, "- ", p.lines().map(line -> line.substring(2)).toList());
            } else {
                paragraph(text, p);
            }
        });
        sections.put(MemoSection.CASE, text.toString().strip());

        sections.put(MemoSection.ECONOMY, m("report.memo.economy.text"));
        sections.put(MemoSection.CHILDREN, m("report.memo.children.text"));
        sections.put(MemoSection.ATTACHMENTS, "1. " + m("report.memo.attachments.guide", roundCounts.guideLabel()));
        return new MemoContent(sections, signers(round));
    }

    /**
     * The part on the previous round's actions. One method on purpose: it is where the decision
     * module's follow-up of last round's actions comes in.
     */
    List<String> followUpSection(Round round) {
        return followUp.previousRoundActions(round);
    }

    /** The numbers behind the tables and charts, as they are now. */
    MemoFacts facts(Round round) {
        var roundCounts = counts.forRound(round.id(), CommitteeMemos.SWEDISH);
        var areas = roundCounts.areas().stream()
                .map(area -> new MemoFacts.Area(area.title(), area.questions().stream()
                        .map(q -> new MemoFacts.Question(q.text(), q.type() == QuestionType.FREE_TEXT, q.answered(),
                                q.unanswered(), q.distribution().stream()
                                .map(c -> new MemoFacts.Cell(c.label(), c.count())).toList()))
                        .toList()))
                .toList();
        var proposals = seminars.proposals(round.id()).items().stream()
                .map(p -> new MemoFacts.Proposal(p.rank(), p.text(), p.areaTitle()))
                .toList();
        return new MemoFacts(roundCounts.completedInterviews(), areas, proposals);
    }

    private void results(StringBuilder text, Round round, RoundCounts roundCounts) {
        var codes = codebooks.codes(round.id());
        var children = codings.childrenPerCode(round.id());
        var approved = quotes.approved(round.id());
        var areaCodes = new HashSet<String>();
        int total = roundCounts.completedInterviews();
        for (var area : roundCounts.areas()) {
            areaCodes.add(area.code());
            heading(text, area.title());
            list(text, "- ", area.questions().stream().map(RoundCounts.QuestionCounts::sentence).toList());
            var themes = themes(codes, children, area.code(), total);
            if (!themes.isEmpty()) {
                paragraph(text, m("report.memo.case.themes"));
                list(text, "- ", themes);
            }
            var said = approved.stream().filter(q -> area.code().equals(q.areaCode())).map(MemoPrefill::quoted).toList();
            if (!said.isEmpty()) {
                paragraph(text, m("report.memo.case.quotes"));
                list(text, "- ", said);
            }
        }
        var other = approved.stream().filter(q -> q.areaCode() == null || !areaCodes.contains(q.areaCode()))
                .map(MemoPrefill::quoted).toList();
        if (!other.isEmpty()) {
            paragraph(text, m("report.memo.case.otherQuotes"));
            list(text, "- ", other);
        }
    }

    /** "Byte av socialsekreterare: fem av åtta barn", the themes of one area, the most common first. */
    private List<String> themes(List<Code> codes, Map<Long, Integer> children, String areaCode, int total) {
        var top = codes.stream().filter(c -> c.top() && areaCode.equals(c.areaCode())).findFirst();
        if (top.isEmpty()) {
            return List.of();
        }
        var ofArea = new ArrayList<Code>();
        ofArea.add(top.get());
        codes.stream().filter(c -> c.parentId() != null && c.parentId() == top.get().id()).forEach(ofArea::add);
        return ofArea.stream()
                .filter(Code::active)
                .filter(c -> children.getOrDefault(c.id(), 0) > 0)
                .sorted(Comparator.comparing((Code c) -> -children.get(c.id())).thenComparing(Code::position))
                .map(c -> m("report.memo.case.theme", c.name(),
                        CountSentences.share(children.get(c.id()), Math.max(total, children.get(c.id())), false)))
                .toList();
    }

    private void proposals(StringBuilder text, Round round) {
        var items = seminars.proposals(round.id()).items();
        heading(text, m("report.memo.case.proposals.heading"));
        if (items.isEmpty()) {
            paragraph(text, m("report.memo.case.proposals.none"));
            return;
        }
        paragraph(text, m("report.memo.case.proposals.intro"));
        list(text, null, items.stream()
                .map(p -> p.areaTitle() == null ? p.text() : m("report.memo.case.proposals.item", p.text(), p.areaTitle()))
                .toList());
    }

    private List<MemoContent.Signer> signers(Round round) {
        var result = new ArrayList<MemoContent.Signer>();
        var managers = organization.staffOfUnit(round.unitId(), Role.UNIT_MANAGER).stream().filter(StaffMember::enabled).toList();
        var leads = organization.staffOfUnit(round.unitId(), Role.PROCESS_LEAD).stream().filter(StaffMember::enabled)
                .filter(s -> managers.stream().noneMatch(mgr -> mgr.id() == s.id())).toList();
        managers.stream().findFirst().ifPresent(s -> result.add(signer(s, Role.UNIT_MANAGER)));
        leads.stream().findFirst().ifPresent(s -> result.add(signer(s, Role.PROCESS_LEAD)));
        return result;
    }

    private MemoContent.Signer signer(StaffMember staff, Role role) {
        var title = staff.title() == null || staff.title().isBlank() ? m("report.memo.role." + role.name()) : staff.title();
        return new MemoContent.Signer(staff.displayName(), title);
    }

    private static String quoted(ApprovedQuote quote) {
        return "”" + quote.text().strip() + "”";
    }

    private static void heading(StringBuilder text, String heading) {
        text.append("## ").append(heading).append("\n\n");
    }

    private static void paragraph(StringBuilder text, String paragraph) {
        text.append(paragraph.replaceAll("\\s*\\R\\s*", " ")).append("\n\n");
    }

    /** A list; with a null prefix a numbered one. */
    private static void list(StringBuilder text, String prefix, List<String> items) {
        int n = 0;
        for (var item : items) {
            text.append(prefix == null ? ++n + ". " : prefix).append(item.replaceAll("\\s*\\R\\s*", " ")).append('\n');
        }
        text.append('\n');
    }

    private static String paragraphs(String... paragraphs) {
        return String.join("\n\n", paragraphs);
    }

    private String m(String key, Object... args) {
        return messages.getMessage(key, args, CommitteeMemos.SWEDISH);
    }

    private static String w(int n) {
        return NumberWords.of(n, CommitteeMemos.SWEDISH);
    }

    private static int count(List<Participant> list, ConsentStatus status) {
        return (int) list.stream().filter(p -> p.consent() == status).count();
    }
}
