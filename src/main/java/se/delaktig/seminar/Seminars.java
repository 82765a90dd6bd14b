package se.delaktig.seminar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.analysis.ApprovedQuote;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.CountSentences;
import se.delaktig.analysis.Counts;
import se.delaktig.analysis.Quotes;
import se.delaktig.analysis.RoundCounts;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Area;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.interview.CompletedInterviews;
import se.delaktig.interview.CompletedInterviews.CompletedInterview;
import se.delaktig.organization.Organization;
import se.delaktig.organization.StaffMember;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * A round's seminar: the record (date, participants, notes), the reading checklist and the ranked
 * proposals. Everyone who may see the round may see its seminar and add proposals; only the process
 * lead edits the record. Any other unit is told the round does not exist (404).
 */
@Service
@Transactional
public class Seminars {

    public static final int MAX_TEXT = 2000;
    public static final int MAX_NOTES = 20000;
    /** Most evidence items of one kind on one proposal. */
    public static final int MAX_EVIDENCE = 20;

    /** The seminar record; {@code heldOn} and {@code notes} are null until set. */
    public record Record(long roundId, String roundTitle, LocalDate heldOn, String notes, List<StaffMember> participants,
                         List<StaffMember> candidates, boolean editable) {

        public boolean isParticipant(long staffId) {
            return participants.stream().anyMatch(p -> p.id() == staffId);
        }
    }

    /** What the process lead types. */
    public record RecordInput(LocalDate heldOn, Set<Long> participantIds, String notes) {
    }

    /** One line of the checklist: a completed interview and whether the current person has read it. */
    public record ReadingItem(long interviewId, String pseudonym, boolean read) {
    }

    /** One participant's reading, for the process lead. */
    public record ReadingProgress(long staffId, String name, int read, int total, List<String> unread) {

        public boolean finished() {
            return read >= total;
        }
    }

    /**
     * A proposal, ranked from 1. {@code areaTitle} is null when the proposal is not tied to one area.
     * {@code evidence} is the free text "other support"; {@code evidenceItems} the codes, approved
     * quotes and counts of the analysis it is linked to, resolved as they read now.
     */
    public record Proposal(long id, long roundId, int rank, String areaCode, String areaTitle, String text,
                           String evidence, List<Evidence> evidenceItems, String createdBy, Instant createdAt) {

        public List<Evidence> evidenceOf(EvidenceKind kind) {
            return evidenceItems.stream().filter(e -> e.kind() == kind).toList();
        }

        public boolean links(EvidenceKind kind, long id) {
            return evidenceItems.stream().anyMatch(e -> e.kind() == kind && e.id() == id);
        }
    }

    /** What a proposal can be supported by: a theme (code), an approved quote or a question's counts. */
    public enum EvidenceKind { CODE, QUOTE, COUNT }

    /**
     * One piece of evidence, or one that can be chosen. {@code id} is the code, the approved quote or
     * the guide question. {@code text} is the code's name, the quote's approved wording or the count
     * sentence; {@code detail} says how many children a theme covers ("fem av åtta barn") or which theme
     * a quote was marked from; {@code areaCode} is the guide area it belongs to (null if none).
     */
    public record Evidence(EvidenceKind kind, long id, String areaCode, String text, String detail) {
    }

    /** Everything of the round's analysis a proposal can be linked to, in codebook and guide order. */
    public record EvidenceChoices(List<Evidence> codes, List<Evidence> quotes, List<Evidence> counts) {
    }

    /** What someone in the seminar types for a new proposal; the id lists may be null (no evidence of that kind). */
    public record NewProposal(String text, String areaCode, String evidence, List<Long> codeIds, List<Long> quoteIds,
                              List<Long> questionIds) {

        public NewProposal(String text, String areaCode, String evidence) {
            this(text, areaCode, evidence, null, null, null);
        }
    }

    /** The evidence of a proposal as edited after it was made: the free text and the linked ids. */
    public record EvidenceInput(String evidence, List<Long> codeIds, List<Long> quoteIds, List<Long> questionIds) {
    }

    /** How far the seminar's participants have come with the reading, without names: for everyone's agenda. */
    public record ReadingSummary(int participants, int finished, int interviews) {
    }

    /** A snapshot of the proposals and a token that changes whenever any of them changes. */
    public record Proposals(String version, List<Proposal> items) {
    }

    public enum Direction { UP, DOWN }

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final Organization organization;
    private final CurrentActor currentActor;
    private final CompletedInterviews completed;
    private final Guides guides;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final Codebooks codebooks;
    private final Codings codings;
    private final Quotes quotes;
    private final Counts counts;

    Seminars(JdbcClient jdbc, RoundService rounds, Organization organization, CurrentActor currentActor,
             CompletedInterviews completed, Guides guides, RoundKeys keys, AuditLog audit, Codebooks codebooks,
             Codings codings, Quotes quotes, Counts counts) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.quotes = quotes;
        this.counts = counts;
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.organization = organization;
        this.currentActor = currentActor;
        this.completed = completed;
        this.guides = guides;
        this.keys = keys;
        this.audit = audit;
    }

    // --- the record -------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Record record(long roundId) {
        var round = rounds.get(roundId);
        var row = jdbc.sql("select held_on, notes from seminar where round_id = ?").param(roundId)
                .query((rs, n) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getBytes(2)})
                .optional();
        LocalDate heldOn = row.map(r -> (LocalDate) r[0]).orElse(round.seminarDate());
        String notes;
        try {
            notes = row.map(r -> (byte[]) r[1]).map(b -> keys.decrypt(roundId, b, context(roundId))).orElse(null);
        } catch (RoundKeys.KeyDestroyedException shredded) {
            // The retention period has passed: the notes are gone, the rest of the record is not.
            notes = null;
        }
        var ids = new HashSet<>(jdbc.sql("select staff_id from seminar_participant where round_id = ?")
                .param(roundId).query(Long.class).list());
        var candidates = organization.staffOfUnit(round.unitId()).stream()
                .filter(StaffMember::enabled).toList();
        var participants = candidates.stream().filter(s -> ids.contains(s.id())).toList();
        audit.success("READ", "seminar", roundId, round.unitId());
        return new Record(roundId, round.title(), heldOn, notes, participants, candidates,
                rounds.canManage(round) && round.stage() != Stage.CLOSED);
    }

    /** Saves the record; only the round's process lead may. Participants must be staff of the unit. */
    public void saveRecord(long roundId, RecordInput input) {
        var round = rounds.getManaged(roundId);
        rounds.requireOpen(round);
        var notes = input.notes() == null || input.notes().isBlank() ? null : input.notes().strip();
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new InvalidInputException("notes", "seminar.notes.tooLong", MAX_NOTES);
        }
        guardIdentityNumber("notes", notes);
        var staff = organization.staffOfUnit(round.unitId()).stream().map(StaffMember::id).collect(Collectors.toSet());
        var chosen = input.participantIds() == null ? Set.<Long>of() : input.participantIds();
        if (!staff.containsAll(chosen)) {
            throw new InvalidInputException("participantIds", "seminar.participants.notStaff");
        }
        var encrypted = notes == null ? null : keys.encrypt(roundId, notes, context(roundId));
        jdbc.sql("""
                insert into seminar (round_id, held_on, notes, updated_by, updated_at) values (?, ?, ?, ?, now())
                on conflict (round_id) do update set held_on = excluded.held_on, notes = excluded.notes,
                    updated_by = excluded.updated_by, updated_at = now()""")
                .params(roundId, input.heldOn(), encrypted, currentActor.get().username()).update();
        jdbc.sql("delete from seminar_participant where round_id = ?").param(roundId).update();
        for (Long id : chosen) {
            jdbc.sql("insert into seminar_participant (round_id, staff_id) values (?, ?)").params(roundId, id).update();
        }
        audit.success("UPDATE", "seminar", roundId, round.unitId());
    }

    // --- the reading checklist --------------------------------------------------------------------

    /** The round's completed interviews, each ticked if the current person has read it. */
    @Transactional(readOnly = true)
    public List<ReadingItem> checklist(long roundId) {
        var interviews = completed.of(roundId);
        var read = readBy(roundId, currentActor.get().staffId());
        return interviews.stream()
                .map(i -> new ReadingItem(i.interviewId(), i.pseudonym(), read.contains(i.interviewId())))
                .toList();
    }

    /**
     * Replaces the current person's ticks with the given interviews. Only participants of the seminar
     * keep a checklist; an interview that is not a completed interview of the round is refused.
     */
    public void setRead(long roundId, Collection<Long> interviewIds) {
        var round = rounds.get(roundId);
        rounds.requireOpen(round);
        var actor = currentActor.get();
        var isParticipant = jdbc.sql("select count(*) from seminar_participant where round_id = ? and staff_id = ?")
                .params(roundId, actor.staffId()).query(Integer.class).single() > 0;
        if (!isParticipant) {
            throw new InvalidInputException("read", "seminar.reading.notParticipant");
        }
        var valid = completed.of(roundId).stream().map(CompletedInterview::interviewId).collect(Collectors.toSet());
        var wanted = new LinkedHashSet<>(interviewIds == null ? List.<Long>of() : interviewIds);
        if (!valid.containsAll(wanted)) {
            throw new InvalidInputException("read", "seminar.reading.unknownInterview");
        }
        var already = readBy(roundId, actor.staffId());
        for (Long id : already) {
            if (!wanted.contains(id)) {
                jdbc.sql("delete from seminar_reading where round_id = ? and staff_id = ? and interview_id = ?")
                        .params(roundId, actor.staffId(), id).update();
            }
        }
        for (Long id : wanted) {
            if (!already.contains(id)) {
                jdbc.sql("insert into seminar_reading (round_id, staff_id, interview_id) values (?, ?, ?)")
                        .params(roundId, actor.staffId(), id).update();
            }
        }
        audit.success("READING", "seminar", roundId, round.unitId());
    }

    /** Every participant's progress, for the process lead; anyone else gets a 404. */
    @Transactional(readOnly = true)
    public List<ReadingProgress> progress(long roundId) {
        rounds.getManaged(roundId);
        var interviews = completed.of(roundId);
        var participants = record(roundId).participants();
        var result = new ArrayList<ReadingProgress>();
        for (StaffMember p : participants) {
            var read = readBy(roundId, p.id());
            var unread = interviews.stream().filter(i -> !read.contains(i.interviewId()))
                    .map(CompletedInterview::pseudonym).toList();
            result.add(new ReadingProgress(p.id(), p.displayName(), interviews.size() - unread.size(),
                    interviews.size(), unread));
        }
        return result;
    }

    private Set<Long> readBy(long roundId, long staffId) {
        return new HashSet<>(jdbc.sql("select interview_id from seminar_reading where round_id = ? and staff_id = ?")
                .params(roundId, staffId).query(Long.class).list());
    }

    // --- proposals --------------------------------------------------------------------------------

    /** The guide areas a proposal can be tied to. */
    @Transactional(readOnly = true)
    public List<Area> areas(long roundId) {
        return areas(rounds.get(roundId));
    }

    /**
     * The proposals in rank order with their evidence resolved. Not read-only: reading the analysis
     * may seed the round's codebook the first time.
     */
    public Proposals proposals(long roundId) {
        var round = rounds.get(roundId);
        var items = proposals(round, analysis(round));
        audit.success("READ_PROPOSALS", "seminar", roundId, round.unitId());
        return new Proposals(version(roundId), items);
    }

    private List<Proposal> proposals(Round round, Analysis analysis) {
        var roundId = round.id();
        var titles = areas(round).stream().collect(Collectors.toMap(Area::code, Area::title, (a, b) -> a));
        var links = new HashMap<Long, List<Evidence>>();
        jdbc.sql("""
                select e.proposal_id, e.kind, e.ref_id from seminar_proposal_evidence e
                join seminar_proposal p on p.id = e.proposal_id where p.round_id = ?
                order by e.proposal_id, e.position""")
                .param(roundId)
                .query(rs -> {
                    var evidence = analysis.resolve(EvidenceKind.valueOf(rs.getString(2)), rs.getLong(3));
                    if (evidence != null) {
                        links.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(evidence);
                    }
                });
        return jdbc.sql("""
                select id, rank, area_code, text, evidence, created_by, created_at from seminar_proposal
                where round_id = ? order by rank, id""")
                .param(roundId)
                .query((rs, n) -> new Proposal(rs.getLong(1), roundId, rs.getInt(2), rs.getString(3),
                        rs.getString(3) == null ? null : titles.get(rs.getString(3)), rs.getString(4),
                        rs.getString(5), List.copyOf(links.getOrDefault(rs.getLong(1), List.of())),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** One proposal of the round; a proposal of another round is a 404. */
    public Proposal proposal(long roundId, long proposalId) {
        return proposals(roundId).items().stream().filter(p -> p.id() == proposalId).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    /** What a proposal of this round can be linked to: active codes, approved quotes, the guide's questions. */
    public EvidenceChoices evidenceChoices(long roundId) {
        var round = rounds.get(roundId);
        var analysis = analysis(round);
        var codes = analysis.codes().stream().filter(Code::active)
                .map(c -> analysis.resolve(EvidenceKind.CODE, c.id())).toList();
        var approved = analysis.quotes().values().stream()
                .map(q -> analysis.resolve(EvidenceKind.QUOTE, q.id())).toList();
        var questions = areas(round).stream().flatMap(a -> a.questions().stream())
                .map(q -> analysis.resolve(EvidenceKind.COUNT, q.id())).filter(java.util.Objects::nonNull).toList();
        return new EvidenceChoices(codes, approved, questions);
    }

    /**
     * A token that changes whenever a proposal is added, moved or its evidence changes. Cheap, and read
     * from the database, so every application node gives the same answer.
     */
    @Transactional(readOnly = true)
    public String proposalsVersion(long roundId) {
        rounds.get(roundId);
        return version(roundId);
    }

    private String version(long roundId) {
        return jdbc.sql("""
                select count(*) || '-' || coalesce(floor(extract(epoch from max(changed_at)) * 1000000)::bigint, 0)
                    || '-' || (select count(*) from seminar_proposal_evidence e join seminar_proposal p on p.id = e.proposal_id
                               where p.round_id = ?)
                from seminar_proposal where round_id = ?""")
                .params(roundId, roundId).query(String.class).single();
    }

    /** Adds a proposal last in the ranking, with the evidence it is linked to. */
    public Proposal addProposal(long roundId, NewProposal input) {
        var round = rounds.get(roundId);
        rounds.requireOpen(round);
        var text = input.text() == null ? "" : input.text().strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("text", "seminar.proposal.text.required");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "seminar.proposal.tooLong", MAX_TEXT);
        }
        guardIdentityNumber("text", text);
        var area = input.areaCode() == null || input.areaCode().isBlank() ? null : input.areaCode();
        if (area != null && areas(round).stream().noneMatch(a -> a.code().equals(area))) {
            throw new InvalidInputException("areaCode", "seminar.proposal.area.unknown");
        }
        var evidence = otherEvidence(input.evidence());
        var links = checkedLinks(round, input.codeIds(), input.quoteIds(), input.questionIds());
        // Serialises concurrent additions to one round, so two proposals never share a rank.
        lockProposals(roundId);
        var rank = jdbc.sql("select coalesce(max(rank), 0) + 1 from seminar_proposal where round_id = ?")
                .param(roundId).query(Integer.class).single();
        var id = jdbc.sql("""
                insert into seminar_proposal (round_id, area_code, text, evidence, rank, created_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(roundId, area, text, evidence, rank, currentActor.get().username())
                .query(Long.class).single();
        link(id, links);
        audit.success("CREATE", "seminar_proposal", id, round.unitId());
        return proposal(roundId, id);
    }

    /** Replaces a proposal's evidence: the free text and every linked code, quote and count. */
    public Proposal updateEvidence(long roundId, long proposalId, EvidenceInput input) {
        var round = rounds.get(roundId);
        var evidence = otherEvidence(input.evidence());
        var links = checkedLinks(round, input.codeIds(), input.quoteIds(), input.questionIds());
        lockProposals(roundId);
        var updated = jdbc.sql("""
                update seminar_proposal set evidence = ?, changed_at = clock_timestamp() where id = ? and round_id = ?""")
                .params(evidence, proposalId, roundId).update();
        if (updated == 0) {
            throw new NotFoundException();
        }
        jdbc.sql("delete from seminar_proposal_evidence where proposal_id = ?").param(proposalId).update();
        link(proposalId, links);
        audit.success("UPDATE_EVIDENCE", "seminar_proposal", proposalId, round.unitId());
        return proposal(roundId, proposalId);
    }

    private String otherEvidence(String typed) {
        var evidence = typed == null || typed.isBlank() ? null : typed.strip();
        if (evidence != null && evidence.length() > MAX_TEXT) {
            throw new InvalidInputException("evidence", "seminar.proposal.tooLong", MAX_TEXT);
        }
        guardIdentityNumber("evidence", evidence);
        return evidence;
    }

    private record Link(EvidenceKind kind, long id) {
    }

    /**
     * The evidence ids, each checked against this round: an active code of its codebook, one of its
     * approved quotes (a candidate or withdrawn quote is refused like an unknown one), a question of
     * its guide. Anything else is refused naming the field, never linked.
     */
    private List<Link> checkedLinks(Round round, List<Long> codeIds, List<Long> quoteIds, List<Long> questionIds) {
        var codes = distinct(codeIds, "codeIds");
        var quoteList = distinct(quoteIds, "quoteIds");
        var questions = distinct(questionIds, "questionIds");
        var result = new ArrayList<Link>();
        if (codes.isEmpty() && quoteList.isEmpty() && questions.isEmpty()) {
            return result;
        }
        var analysis = analysis(round);
        if (!codes.isEmpty()) {
            var active = analysis.codes().stream().filter(Code::active).map(Code::id).collect(Collectors.toSet());
            for (Long id : codes) {
                if (!active.contains(id)) {
                    audit.record("LINK_EVIDENCE", "seminar", round.id(), round.unitId(), AuditLog.Outcome.DENIED);
                    throw new InvalidInputException("codeIds", "seminar.evidence.code.unknown");
                }
                result.add(new Link(EvidenceKind.CODE, id));
            }
        }
        if (!quoteList.isEmpty()) {
            var approved = analysis.quotes().keySet();
            for (Long id : quoteList) {
                if (!approved.contains(id)) {
                    audit.record("LINK_EVIDENCE", "seminar", round.id(), round.unitId(), AuditLog.Outcome.DENIED);
                    throw new InvalidInputException("quoteIds", "seminar.evidence.quote.notApproved");
                }
                result.add(new Link(EvidenceKind.QUOTE, id));
            }
        }
        if (!questions.isEmpty()) {
            var asked = areas(round).stream().flatMap(a -> a.questions().stream()).map(Question::id)
                    .collect(Collectors.toSet());
            for (Long id : questions) {
                if (!asked.contains(id)) {
                    audit.record("LINK_EVIDENCE", "seminar", round.id(), round.unitId(), AuditLog.Outcome.DENIED);
                    throw new InvalidInputException("questionIds", "seminar.evidence.count.unknown");
                }
                result.add(new Link(EvidenceKind.COUNT, id));
            }
        }
        return result;
    }

    private static List<Long> distinct(List<Long> ids, String field) {
        if (ids == null) {
            return List.of();
        }
        if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(field, "seminar.evidence.invalidId");
        }
        var result = List.copyOf(new LinkedHashSet<>(ids));
        if (result.size() > MAX_EVIDENCE) {
            throw new InvalidInputException(field, "seminar.evidence.tooMany", MAX_EVIDENCE);
        }
        return result;
    }

    private void link(long proposalId, List<Link> links) {
        for (int i = 0; i < links.size(); i++) {
            jdbc.sql("insert into seminar_proposal_evidence (proposal_id, kind, ref_id, position) values (?, ?, ?, ?)")
                    .params(proposalId, links.get(i).kind().name(), links.get(i).id(), i + 1).update();
        }
    }

    /** Moves a proposal one place up or down; at the top or bottom it stays where it is. */
    public void move(long roundId, long proposalId, Direction direction) {
        var round = rounds.get(roundId);
        rounds.requireOpen(round);
        lockProposals(roundId);
        var ranked = ranked(roundId);
        int at = ranked.indexOf(proposalId);
        if (at < 0) {
            throw new NotFoundException();
        }
        int to = direction == Direction.UP ? at - 1 : at + 1;
        if (to < 0 || to >= ranked.size()) {
            return;
        }
        reorder(ranked, at, to);
        audit.success("RANK", "seminar_proposal", proposalId, round.unitId());
    }

    /**
     * Puts a proposal at the given place (1 is the top); the ones in between shift one place. A place
     * outside 1..n is refused naming the range.
     */
    public void rankAt(long roundId, long proposalId, Integer rank) {
        var round = rounds.get(roundId);
        lockProposals(roundId);
        var ranked = ranked(roundId);
        int at = ranked.indexOf(proposalId);
        if (at < 0) {
            throw new NotFoundException();
        }
        if (rank == null || rank < 1 || rank > ranked.size()) {
            throw new InvalidInputException("rank", "seminar.proposal.rank.range", ranked.size());
        }
        reorder(ranked, at, rank - 1);
        audit.success("RANK", "seminar_proposal", proposalId, round.unitId());
    }

    private List<Long> ranked(long roundId) {
        return jdbc.sql("select id from seminar_proposal where round_id = ? order by rank, id")
                .param(roundId).query(Long.class).list();
    }

    private void reorder(List<Long> ranked, int from, int to) {
        var order = new ArrayList<>(ranked);
        var moved = order.remove(from);
        order.add(to, moved);
        // Rewrites the ranks 1..n, which also repairs any gap left by earlier data.
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update seminar_proposal set rank = ?, changed_at = clock_timestamp() where id = ? and rank <> ?")
                    .params(i + 1, order.get(i), i + 1).update();
        }
    }

    /** The reading status for the agenda: how many participants have read every completed interview. */
    @Transactional(readOnly = true)
    public ReadingSummary readingSummary(long roundId) {
        rounds.get(roundId);
        var interviews = completed.of(roundId).stream().map(CompletedInterview::interviewId).collect(Collectors.toSet());
        var participants = jdbc.sql("select staff_id from seminar_participant where round_id = ?").param(roundId)
                .query(Long.class).list();
        int finished = 0;
        for (Long staffId : participants) {
            if (readBy(roundId, staffId).containsAll(interviews)) {
                finished++;
            }
        }
        return new ReadingSummary(participants.size(), finished, interviews.size());
    }

    /**
     * The round's analysis as proposals read it, loaded only when something asks for it: the codebook,
     * how many children each code covers, the approved quotes and the counts in the person's language.
     */
    Analysis analysis(Round round) {
        return new Analysis(round, codebooks, codings, quotes, counts, completed);
    }

    static final class Analysis {

        private final Round round;
        private final Codebooks codebooks;
        private final Codings codings;
        private final Quotes quotes;
        private final Counts counts;
        private final CompletedInterviews completed;
        private List<Code> codes;
        private Map<Long, Integer> children;
        private Map<Long, ApprovedQuote> approved;
        private RoundCounts roundCounts;
        private Integer total;

        private Analysis(Round round, Codebooks codebooks, Codings codings, Quotes quotes, Counts counts,
                         CompletedInterviews completed) {
            this.round = round;
            this.codebooks = codebooks;
            this.codings = codings;
            this.quotes = quotes;
            this.counts = counts;
            this.completed = completed;
        }

        List<Code> codes() {
            if (codes == null) {
                codes = codebooks.codes(round.id());
            }
            return codes;
        }

        Map<Long, Integer> children() {
            if (children == null) {
                children = codings.childrenPerCode(round.id());
            }
            return children;
        }

        Map<Long, ApprovedQuote> quotes() {
            if (approved == null) {
                approved = new LinkedHashMap<>();
                quotes.approved(round.id()).forEach(q -> approved.put(q.id(), q));
            }
            return approved;
        }

        RoundCounts counts() {
            if (roundCounts == null) {
                roundCounts = counts.forRound(round.id(), LocaleContextHolder.getLocale());
            }
            return roundCounts;
        }

        int total() {
            if (total == null) {
                total = completed.of(round.id()).size();
            }
            return total;
        }

        String areaOf(Code code) {
            if (code.areaCode() != null || code.parentId() == null) {
                return code.areaCode();
            }
            return codes().stream().filter(c -> c.id() == code.parentId()).map(Code::areaCode).findFirst().orElse(null);
        }

        String share(long codeId) {
            var english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
            return CountSentences.share(Math.min(children().getOrDefault(codeId, 0), total()), total(), english);
        }

        private Evidence count(long questionId) {
            for (var area : counts().areas()) {
                for (var q : area.questions()) {
                    if (q.questionId() == questionId) {
                        return new Evidence(EvidenceKind.COUNT, questionId, area.code(), q.sentence(), q.text());
                    }
                }
            }
            return null;
        }

        /** The evidence as it reads now; null when it no longer exists (the quote was withdrawn). */
        Evidence resolve(EvidenceKind kind, long id) {
            return switch (kind) {
                case CODE -> codes().stream().filter(c -> c.id() == id).findFirst()
                        .map(c -> new Evidence(kind, id, areaOf(c), c.name(), share(id))).orElse(null);
                case QUOTE -> {
                    var q = quotes().get(id);
                    yield q == null ? null : new Evidence(kind, id, q.areaCode(), q.text(), q.codeName());
                }
                case COUNT -> count(id);
            };
        }
    }

    private List<Area> areas(Round round) {
        return guides.find(round.guideId()).map(g -> g.areas()).orElse(List.of());
    }

    private static void guardIdentityNumber(String field, String text) {
        if (text != null && IdentityNumbers.containsIdentityNumber(text)) {
            throw new InvalidInputException(field, "privacy.identityNumber");
        }
    }

    private static String context(long roundId) {
        return "seminar.notes:" + roundId;
    }

    /**
     * A transaction-scoped advisory lock per round: additions and moves of one round's proposals run one
     * at a time on every node, without locking another module's table.
     */
    private void lockProposals(long roundId) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(120, ?)) l").param((int) roundId)
                .query(Integer.class).single();
    }
}
