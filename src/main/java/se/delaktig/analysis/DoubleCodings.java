package se.delaktig.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.Round;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Blind double coding: the process lead picks two coders of the unit and some completed interviews,
 * and each coder codes every text of those interviews on a page that shows only their own segments.
 * Until both have said they are done, nobody – not the other coder, not the process lead, not the API –
 * gets to see a coder's segments; the process lead sees only how far each has come. Then the agreement
 * between the two is reported (see {@link AgreementReport}), and the process lead may adopt the union of
 * their segments into the shared coding, once.
 *
 * <p>Blind segments live in their own table, so the shared coding page cannot show them by mistake.
 */
@Service
@Transactional
public class DoubleCodings {

    /** A coder of a pass. Staff names are shown; children are only ever shown by pseudonym. */
    public record Coder(long staffId, String username, String displayName) {
    }

    /**
     * How far one coder has come.
     *
     * @param segments how many segments the coder has made, or null when the person asking may not
     *                 know it (the other coder while the pass is open)
     */
    public record Progress(Coder coder, Integer segments, boolean done) {
    }

    /** A pass as the person asking may see it. */
    public record Pass(long id, long roundId, String roundTitle, Progress first, Progress second, List<String> pseudonyms,
                       String startedBy, Instant startedAt, Instant adoptedAt, Integer adoptedCount,
                       boolean viewerIsCoder, boolean viewerIsLead) {

        /** Both coders are done: the report is open and the blind coding is closed. */
        @JsonProperty
        public boolean finished() {
            return first.done() && second.done();
        }

        @JsonProperty
        public boolean adopted() {
            return adoptedAt != null;
        }

        /** Both coders, first and second, for a table. */
        public List<Progress> progress() {
            return List.of(first, second);
        }

        public boolean mayAdopt() {
            return finished() && !adopted() && viewerIsLead;
        }
    }

    /** The start of the double-coding page: who may code, which interviews, the passes so far. */
    public record Overview(long roundId, String roundTitle, boolean mayStart, List<Coder> coders,
                           List<InterviewChoice> interviews, List<Pass> passes) {
    }

    /** A completed interview that can be double coded, by its child's pseudonym. */
    public record InterviewChoice(long interviewId, String pseudonym) {
    }

    /**
     * What the process lead asks for: two coders (staff ids) and the interviews; {@code interviewIds}
     * null means all completed interviews.
     */
    public record StartRequest(Long firstCoderId, Long secondCoderId, List<Long> interviewIds) {
    }

    /** A coder's blind coding page: the pass's texts with only the coder's own segments. */
    public record BlindPage(Pass pass, CodingPage coding, boolean done, boolean otherDone) {

        /** Whether the coder can still code: not done, and the round not closed. */
        public boolean mayCode() {
            return coding.mayCode() && !done;
        }

        /** Whether "Klar" can still be taken back: only until the other coder is done too. */
        public boolean mayUndo() {
            return done && !otherDone;
        }
    }

    private static final String RECORD = "double_coding";

    private final JdbcClient jdbc;
    private final Codings codings;
    private final Codebooks codebooks;
    private final Interviews interviews;
    private final Guides guides;
    private final RoundKeys keys;
    private final Organization organization;
    private final CurrentActor currentActor;
    private final AuditLog audit;
    private final MessageSource messages;

    DoubleCodings(JdbcClient jdbc, Codebooks codebooks, Interviews interviews, Guides guides, RoundKeys keys,
                  Organization organization, CurrentActor currentActor, AuditLog audit, MessageSource messages,
                  Codings codings) {
        this.codings = codings;
        this.jdbc = jdbc;
        this.codebooks = codebooks;
        this.interviews = interviews;
        this.guides = guides;
        this.keys = keys;
        this.organization = organization;
        this.currentActor = currentActor;
        this.audit = audit;
        this.messages = messages;
    }

    /** The round's passes, and what the process lead needs to start one. */
    public Overview overview(long roundId) {
        var round = codebooks.readable(roundId);
        var actor = currentActor.get();
        var lead = actor.has(round.unitId(), Role.PROCESS_LEAD);
        var passes = jdbc.sql("select * from double_coding where round_id = ? order by started_at desc, id desc")
                .param(round.id()).query((rs, n) -> row(rs)).list().stream()
                .map(row -> pass(round, row, actor)).toList();
        List<Coder> coders = lead ? eligibleCoders(round) : List.of();
        List<InterviewChoice> choices = lead ? choices(round.id()) : List.of();
        audit.success("READ", RECORD, "round:" + round.id(), round.unitId());
        return new Overview(round.id(), round.title(), lead, coders, choices, passes);
    }

    /**
     * Starts a pass. Only the process lead of the unit may.
     *
     * @throws InvalidInputException {@code firstCoderId}, {@code secondCoderId} (missing, may not code, the
     *                               same person twice) or {@code interviewIds} (none, or not completed)
     */
    public Pass start(long roundId, StartRequest request) {
        var round = codebooks.editable(roundId, "DOUBLE_CODING_START");
        var actor = currentActor.get();
        if (!actor.has(round.unitId(), Role.PROCESS_LEAD)) {
            audit.record("DOUBLE_CODING_START", RECORD, "round:" + round.id(), round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        var eligible = new HashMap<Long, Coder>();
        eligibleCoders(round).forEach(c -> eligible.put(c.staffId(), c));
        var first = request == null ? null : request.firstCoderId();
        var second = request == null ? null : request.secondCoderId();
        if (first == null) {
            throw new InvalidInputException("firstCoderId", "agreement.start.coderRequired");
        }
        if (!eligible.containsKey(first)) {
            throw new InvalidInputException("firstCoderId", "agreement.start.mayNotCode");
        }
        if (second == null) {
            throw new InvalidInputException("secondCoderId", "agreement.start.coderRequired");
        }
        if (!eligible.containsKey(second)) {
            throw new InvalidInputException("secondCoderId", "agreement.start.mayNotCode");
        }
        if (first.equals(second)) {
            throw new InvalidInputException("secondCoderId", "agreement.start.sameCoder");
        }
        var available = choices(round.id()).stream().map(InterviewChoice::interviewId).toList();
        if (available.isEmpty()) {
            throw new InvalidInputException("interviewIds", "agreement.start.noInterviews");
        }
        List<Long> chosen;
        if (request.interviewIds() == null) {
            chosen = available;
        } else {
            chosen = List.copyOf(new LinkedHashSet<>(request.interviewIds().stream().filter(Objects::nonNull).toList()));
            if (chosen.isEmpty()) {
                throw new InvalidInputException("interviewIds", "agreement.start.pickInterview");
            }
            if (!available.containsAll(chosen)) {
                throw new InvalidInputException("interviewIds", "agreement.start.interviewUnknown");
            }
        }
        var id = jdbc.sql("""
                insert into double_coding (round_id, first_coder_id, second_coder_id, started_by)
                values (?, ?, ?, ?) returning id""")
                .params(round.id(), first, second, actor.username()).query(Long.class).single();
        for (var interviewId : chosen) {
            jdbc.sql("insert into double_coding_interview (pass_id, interview_id) values (?, ?)").params(id, interviewId).update();
        }
        audit.success("DOUBLE_CODING_START", RECORD, id, round.unitId());
        return pass(roundId, id);
    }

    /** One pass, with the progress the person asking may see. */
    public Pass pass(long roundId, long passId) {
        var round = codebooks.readable(roundId);
        return pass(round, find(round, passId), currentActor.get());
    }

    /** The coder's blind coding page; anyone but the pass's two coders gets a 404. */
    public BlindPage blindPage(long roundId, long passId) {
        var round = codebooks.readable(roundId);
        var row = find(round, passId);
        var actor = currentActor.get();
        var first = coderSlot(round, row, actor, "READ");
        var pass = pass(round, row, actor);
        var guide = guides.find(round.guideId()).orElseThrow();
        var own = new HashMap<String, List<Segment>>();
        for (var segment : segments(round.id(), row.id(), actor.staffId())) {
            own.computeIfAbsent(segment.sourceKey(), k -> new ArrayList<>()).add(segment);
        }
        var texts = texts(round.id(), row.id()).stream().map(t -> new CodingPage.Text(t,
                        t.questionId() == null ? null : guide.question(t.questionId()).map(q -> q.text()).orElse(null),
                        own.getOrDefault(t.key(), List.of())))
                .toList();
        var active = codebooks.codes(round.id()).stream().filter(Code::active).toList();
        var coding = new CodingPage(round.id(), round.title(), round.stage() != se.delaktig.round.Stage.CLOSED, active, texts);
        audit.success("READ", RECORD, "pass:" + row.id(), round.unitId());
        var done = first ? row.firstDone() != null : row.secondDone() != null;
        var otherDone = first ? row.secondDone() != null : row.firstDone() != null;
        return new BlindPage(pass, coding, done, otherDone);
    }

    /** The asking coder's own blind segments; never the other coder's. */
    public List<Segment> ownSegments(long roundId, long passId) {
        var round = codebooks.readable(roundId);
        var row = find(round, passId);
        var actor = currentActor.get();
        coderSlot(round, row, actor, "READ");
        audit.success("READ", RECORD, "pass:" + row.id(), round.unitId());
        return segments(round.id(), row.id(), actor.staffId());
    }

    /**
     * Codes a span blind, as {@link Codings#code} does for the shared coding, but only for the asking coder.
     *
     * @throws InvalidInputException as {@link Codings#code}, and {@code done} when the coder has said they are done
     */
    public List<Segment> code(long roundId, long passId, Codings.SegmentRequest request) {
        var round = codebooks.editable(roundId, "CODE_BLIND_SEGMENT");
        var row = lock(round, passId);
        var actor = currentActor.get();
        requireOpenFor(round, row, actor, "CODE_BLIND_SEGMENT");
        var span = codings.span(round.id(), request, texts(round.id(), row.id()));
        var text = span.text();
        var codeIds = span.codeIds();
        int start = span.start();
        int end = span.end();
        var excerpt = keys.encrypt(round.id(), text.text().substring(start, end),
                context(row.id(), actor.staffId(), text.key(), start, end));
        var ids = new ArrayList<Long>();
        for (var codeId : codeIds) {
            jdbc.sql("""
                    insert into blind_segment (pass_id, round_id, coder_id, code_id, interview_id, participant_id, kind,
                                               question_id, part, start_offset, end_offset, excerpt)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(row.id(), round.id(), actor.staffId(), codeId, text.interviewId(), text.participantId(),
                            text.kind().name(), text.questionId(), text.part(), start, end, excerpt)
                    .update();
            ids.add(jdbc.sql("""
                    select id from blind_segment where pass_id = ? and coder_id = ? and code_id = ? and interview_id = ?
                    and kind = ? and coalesce(question_id, 0) = coalesce(?, 0) and coalesce(part, '') = coalesce(?, '')
                    and start_offset = ? and end_offset = ?""")
                    .params(row.id(), actor.staffId(), codeId, text.interviewId(), text.kind().name(), text.questionId(),
                            text.part(), start, end)
                    .query(Long.class).single());
        }
        audit.success("CODE_BLIND_SEGMENT", RECORD, "pass:" + row.id(), round.unitId());
        var byId = new HashMap<Long, Segment>();
        segments(round.id(), row.id(), actor.staffId()).forEach(s -> byId.put(s.id(), s));
        return ids.stream().map(byId::get).toList();
    }

    /** Removes one of the asking coder's own blind segments; someone else's is a 404. */
    public void uncode(long roundId, long passId, long segmentId) {
        var round = codebooks.editable(roundId, "UNCODE_BLIND_SEGMENT");
        var row = lock(round, passId);
        var actor = currentActor.get();
        requireOpenFor(round, row, actor, "UNCODE_BLIND_SEGMENT");
        var removed = jdbc.sql("delete from blind_segment where id = ? and pass_id = ? and coder_id = ?")
                .params(segmentId, row.id(), actor.staffId()).update();
        if (removed == 0) {
            throw new NotFoundException();
        }
        audit.success("UNCODE_BLIND_SEGMENT", RECORD, "pass:" + row.id(), round.unitId());
    }

    /** The asking coder says they are done ("Klar"). Saying it twice changes nothing. */
    public Pass markDone(long roundId, long passId) {
        var round = codebooks.editable(roundId, "DOUBLE_CODING_DONE");
        var row = lock(round, passId);
        var actor = currentActor.get();
        var first = coderSlot(round, row, actor, "DOUBLE_CODING_DONE");
        var column = first ? "first_done_at" : "second_done_at";
        jdbc.sql("update double_coding set " + column + " = coalesce(" + column + ", now()) where id = ?").param(row.id()).update();
        audit.success("DOUBLE_CODING_DONE", RECORD, "pass:" + row.id(), round.unitId());
        return pass(round, find(round, passId), actor);
    }

    /**
     * Takes "Klar" back, so the coder can go on coding: only while the other coder is not done too.
     *
     * @throws InvalidInputException {@code done} once both are done
     */
    public Pass undoDone(long roundId, long passId) {
        var round = codebooks.editable(roundId, "DOUBLE_CODING_UNDO");
        var row = lock(round, passId);
        var actor = currentActor.get();
        var first = coderSlot(round, row, actor, "DOUBLE_CODING_UNDO");
        if ((first ? row.secondDone() : row.firstDone()) != null && (first ? row.firstDone() : row.secondDone()) != null) {
            throw new InvalidInputException("done", "agreement.done.bothDone");
        }
        var column = first ? "first_done_at" : "second_done_at";
        jdbc.sql("update double_coding set " + column + " = null where id = ?").param(row.id()).update();
        audit.success("DOUBLE_CODING_UNDO", RECORD, "pass:" + row.id(), round.unitId());
        return pass(round, find(round, passId), actor);
    }

    /**
     * The agreement between the two coders, once both are done.
     *
     * @throws InvalidInputException {@code pass} while a coder is not done yet: nobody sees anything before
     */
    public AgreementReport report(long roundId, long passId, Locale locale) {
        var round = codebooks.readable(roundId);
        var row = find(round, passId);
        var actor = currentActor.get();
        var pass = pass(round, row, actor);
        if (!pass.finished()) {
            throw new InvalidInputException("pass", "agreement.report.notFinished");
        }
        var texts = texts(round.id(), row.id());
        var textByKey = new LinkedHashMap<String, CodableText>();
        texts.forEach(t -> textByKey.put(t.key(), t));
        var firstSegments = segments(round.id(), row.id(), row.firstCoder());
        var secondSegments = segments(round.id(), row.id(), row.secondCoder());
        // A segment of a text that has since left the pass's texts (an interview reopened) still counts,
        // so that no coder's decision silently disappears from the figures.
        var units = new LinkedHashSet<>(textByKey.keySet());
        firstSegments.forEach(s -> units.add(s.sourceKey()));
        secondSegments.forEach(s -> units.add(s.sourceKey()));

        var codes = codebooks.codes(round.id());
        var byId = new HashMap<Long, Code>();
        codes.forEach(c -> byId.put(c.id(), c));
        Map<String, Set<String>> firstByCode = byCode(firstSegments, byId);
        Map<String, Set<String>> secondByCode = byCode(secondSegments, byId);
        var used = new ArrayList<String>();
        for (var code : codes) {
            var key = String.valueOf(code.id());
            if (firstByCode.containsKey(key) || secondByCode.containsKey(key)) {
                used.add(key);
            }
        }
        var agreement = Agreement.perCode(units, used, firstByCode, secondByCode);
        var perCode = new ArrayList<AgreementReport.Row>();
        for (var codeAgreement : agreement.perCode()) {
            var code = byId.get(Long.valueOf(codeAgreement.code()));
            perCode.add(row(code.name(), code.id(), codeAgreement.result(),
                    firstByCode.getOrDefault(codeAgreement.code(), Set.of()).size(),
                    secondByCode.getOrDefault(codeAgreement.code(), Set.of()).size(), locale));
        }
        var overall = row(null, null, agreement.overall(),
                firstByCode.values().stream().mapToInt(Set::size).sum(),
                secondByCode.values().stream().mapToInt(Set::size).sum(), locale);

        var guide = guides.find(round.guideId()).orElseThrow();
        var disagreements = new ArrayList<AgreementReport.Disagreement>();
        for (var codeKey : used) {
            var code = byId.get(Long.valueOf(codeKey));
            var a = firstByCode.getOrDefault(codeKey, Set.of());
            var b = secondByCode.getOrDefault(codeKey, Set.of());
            for (var unit : units) {
                if (a.contains(unit) == b.contains(unit)) {
                    continue;
                }
                var firstApplied = a.contains(unit);
                var text = textByKey.get(unit);
                var spansA = spans(firstSegments, unit, codeKey, byId);
                var spansB = spans(secondSegments, unit, codeKey, byId);
                var applying = firstApplied ? spansA : spansB;
                var sample = applying.get(0);
                var questionText = sample.questionId() == null ? null
                        : guide.question(sample.questionId()).map(q -> q.text()).orElse(null);
                disagreements.add(new AgreementReport.Disagreement(
                        "d-" + codeKey + "-" + unit.replaceAll("[^A-Za-z0-9]", "-"),
                        sample.pseudonym(), new CodingPage.Text(new CodableText(sample.interviewId(), sample.participantId(),
                                sample.pseudonym(), sample.kind(), sample.questionId(), sample.part(), ""), null, List.of()).labelKey(),
                        questionText, code.name(),
                        firstApplied ? pass.first().coder() : pass.second().coder(),
                        firstApplied ? pass.second().coder() : pass.first().coder(), firstApplied,
                        applying.stream().map(Segment::excerpt).distinct().toList(),
                        text == null ? List.of() : pieces(text.text(), spansA, spansB)));
            }
        }
        audit.success("READ", RECORD, "report:" + row.id(), round.unitId());
        var active = (int) codes.stream().filter(Code::active).count();
        return new AgreementReport(pass, units.size(), active, overall, List.copyOf(perCode), List.copyOf(disagreements));
    }

    /**
     * Copies both coders' segments (the union) into the shared coding, each span and code once; a span
     * already coded there with the same code stays as it is. Done once per pass, by the process lead.
     *
     * @return how many segments were added to the shared coding
     * @throws InvalidInputException {@code pass} before both are done, or when already adopted
     */
    public int adopt(long roundId, long passId) {
        var round = codebooks.editable(roundId, "DOUBLE_CODING_ADOPT");
        var actor = currentActor.get();
        if (!actor.has(round.unitId(), Role.PROCESS_LEAD)) {
            audit.record("DOUBLE_CODING_ADOPT", RECORD, "pass:" + passId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        var row = lock(round, passId);
        if (row.firstDone() == null || row.secondDone() == null) {
            throw new InvalidInputException("pass", "agreement.report.notFinished");
        }
        if (row.adoptedAt() != null) {
            throw new InvalidInputException("pass", "agreement.adopt.already");
        }
        var byId = new HashMap<Long, Code>();
        codebooks.codes(round.id()).forEach(c -> byId.put(c.id(), c));
        var added = 0;
        var all = new ArrayList<Segment>(segments(round.id(), row.id(), row.firstCoder()));
        all.addAll(segments(round.id(), row.id(), row.secondCoder()));
        for (var segment : all) {
            var codeId = resolve(segment.codeId(), byId);
            var excerpt = keys.encrypt(round.id(), segment.excerpt(), Codings.excerptContext(segment.interviewId(),
                    segment.kind(), segment.questionId(), segment.part(), segment.start(), segment.end()));
            added += jdbc.sql("""
                    insert into coded_segment (round_id, code_id, interview_id, participant_id, kind, question_id, part,
                                               start_offset, end_offset, excerpt, coded_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(round.id(), codeId, segment.interviewId(), segment.participantId(), segment.kind().name(),
                            segment.questionId(), segment.part(), segment.start(), segment.end(), excerpt, segment.codedBy())
                    .update();
        }
        jdbc.sql("update double_coding set adopted_at = now(), adopted_by = ?, adopted_count = ? where id = ?")
                .params(actor.username(), added, row.id()).update();
        audit.success("DOUBLE_CODING_ADOPT", RECORD, "pass:" + row.id(), round.unitId());
        return added;
    }

    // -------------------------------------------------------------------------------------------

    private record Row(long id, long roundId, long firstCoder, long secondCoder, Instant firstDone, Instant secondDone,
                       String startedBy, Instant startedAt, Instant adoptedAt, Integer adoptedCount) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("first_coder_id"), rs.getLong("second_coder_id"),
                instant(rs, "first_done_at"), instant(rs, "second_done_at"), rs.getString("started_by"),
                instant(rs, "started_at"), instant(rs, "adopted_at"), (Integer) rs.getObject("adopted_count"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private Row find(Round round, long passId) {
        return jdbc.sql("select * from double_coding where id = ? and round_id = ?").params(passId, round.id())
                .query((rs, n) -> row(rs)).optional().orElseThrow(NotFoundException::new);
    }

    /** The pass, locked: marking done and coding wait for each other, so nothing lands after "Klar". */
    private Row lock(Round round, long passId) {
        return jdbc.sql("select * from double_coding where id = ? and round_id = ? for update").params(passId, round.id())
                .query((rs, n) -> row(rs)).optional().orElseThrow(NotFoundException::new);
    }

    /** Whether the actor is the first coder (true) or the second (false); anyone else gets a 404. */
    private boolean coderSlot(Round round, Row row, Actor actor, String action) {
        if (actor.staffId() == row.firstCoder()) {
            return true;
        }
        if (actor.staffId() == row.secondCoder()) {
            return false;
        }
        audit.record(action, RECORD, "pass:" + row.id(), round.unitId(), AuditLog.Outcome.DENIED);
        throw new NotFoundException();
    }

    private void requireOpenFor(Round round, Row row, Actor actor, String action) {
        var first = coderSlot(round, row, actor, action);
        if ((first ? row.firstDone() : row.secondDone()) != null) {
            throw new InvalidInputException("done", "agreement.code.done");
        }
    }

    private Pass pass(Round round, Row row, Actor actor) {
        var lead = actor.has(round.unitId(), Role.PROCESS_LEAD);
        var counts = new HashMap<Long, Integer>();
        jdbc.sql("select coder_id, count(*) from blind_segment where pass_id = ? group by coder_id").param(row.id())
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        var finished = row.firstDone() != null && row.secondDone() != null;
        var pseudonyms = new TreeSet<String>();
        jdbc.sql("""
                select p.pseudonym from double_coding_interview d join interview i on i.id = d.interview_id
                join participant p on p.id = i.participant_id where d.pass_id = ?""")
                .param(row.id()).query(String.class).list().forEach(pseudonyms::add);
        return new Pass(row.id(), round.id(), round.title(),
                progress(row.firstCoder(), row.firstDone(), counts, lead || finished || actor.staffId() == row.firstCoder()),
                progress(row.secondCoder(), row.secondDone(), counts, lead || finished || actor.staffId() == row.secondCoder()),
                List.copyOf(pseudonyms), row.startedBy(), row.startedAt(), row.adoptedAt(), row.adoptedCount(),
                actor.staffId() == row.firstCoder() || actor.staffId() == row.secondCoder(), lead);
    }

    private Progress progress(long staffId, Instant done, Map<Long, Integer> counts, boolean mayCount) {
        return new Progress(coder(staffId), mayCount ? counts.getOrDefault(staffId, 0) : null, done != null);
    }

    private Coder coder(long staffId) {
        var staff = organization.staffMember(staffId).orElseThrow();
        return new Coder(staff.id(), staff.username(), staff.displayName());
    }

    /** Staff of the unit who may code: the process lead and the interviewers, by name. */
    private List<Coder> eligibleCoders(Round round) {
        var byId = new LinkedHashMap<Long, Coder>();
        for (var role : List.of(Role.PROCESS_LEAD, Role.INTERVIEWER)) {
            organization.staffOfUnit(round.unitId(), role)
                    .forEach(s -> byId.putIfAbsent(s.id(), new Coder(s.id(), s.username(), s.displayName())));
        }
        return byId.values().stream().sorted(Comparator.comparing(Coder::displayName).thenComparing(Coder::username)).toList();
    }

    /** The completed interviews that have text to code, by pseudonym. */
    private List<InterviewChoice> choices(long roundId) {
        var byInterview = new LinkedHashMap<Long, String>();
        interviews.textsForCoding(roundId).forEach(t -> byInterview.putIfAbsent(t.interviewId(), t.pseudonym()));
        return byInterview.entrySet().stream().map(e -> new InterviewChoice(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(InterviewChoice::pseudonym)).toList();
    }

    private List<CodableText> texts(long roundId, long passId) {
        var chosen = new HashSet<>(jdbc.sql("select interview_id from double_coding_interview where pass_id = ?")
                .param(passId).query(Long.class).list());
        return interviews.textsForCoding(roundId).stream().filter(t -> chosen.contains(t.interviewId())).toList();
    }

    private List<Segment> segments(long roundId, long passId, long coderId) {
        return jdbc.sql("""
                select s.*, c.name as code_name, p.pseudonym, st.username
                from blind_segment s join code c on c.id = s.code_id join participant p on p.id = s.participant_id
                join staff st on st.id = s.coder_id
                where s.round_id = ? and s.pass_id = ? and s.coder_id = ?
                order by s.interview_id, s.kind, s.question_id, s.part, s.start_offset, c.position, c.id""")
                .params(roundId, passId, coderId)
                .query((rs, n) -> {
                    var kind = CodableText.Kind.valueOf(rs.getString("kind"));
                    var interviewId = rs.getLong("interview_id");
                    var questionId = (Long) rs.getObject("question_id");
                    var part = rs.getString("part");
                    var start = rs.getInt("start_offset");
                    var end = rs.getInt("end_offset");
                    var excerpt = keys.decrypt(roundId, rs.getBytes("excerpt"),
                            context(passId, coderId, CodableText.key(interviewId, kind, questionId, part), start, end));
                    return new Segment(rs.getLong("id"), rs.getLong("code_id"), rs.getString("code_name"), interviewId,
                            rs.getLong("participant_id"), rs.getString("pseudonym"), kind, questionId, part, start, end,
                            excerpt, rs.getString("username"), rs.getTimestamp("coded_at").toInstant());
                })
                .list();
    }

    /** The code a segment counts for now: a code merged since counts as the code it was merged into. */
    private static long resolve(long codeId, Map<Long, Code> byId) {
        var current = byId.get(codeId);
        var seen = new HashSet<Long>();
        while (current != null && current.mergedInto() != null && seen.add(current.id())) {
            var next = byId.get(current.mergedInto());
            if (next == null) {
                break;
            }
            current = next;
        }
        return current == null ? codeId : current.id();
    }

    private static Map<String, Set<String>> byCode(List<Segment> segments, Map<Long, Code> byId) {
        var result = new HashMap<String, Set<String>>();
        segments.forEach(s -> result.computeIfAbsent(String.valueOf(resolve(s.codeId(), byId)), k -> new HashSet<>())
                .add(s.sourceKey()));
        return result;
    }

    private static List<Segment> spans(List<Segment> segments, String unit, String codeKey, Map<Long, Code> byId) {
        return segments.stream().filter(s -> s.sourceKey().equals(unit)
                && String.valueOf(resolve(s.codeId(), byId)).equals(codeKey)).toList();
    }

    /** The text cut at every span boundary of both coders, each run marked with who covered it. */
    static List<AgreementReport.Piece> pieces(String text, List<Segment> first, List<Segment> second) {
        var cuts = new TreeSet<Integer>();
        cuts.add(0);
        cuts.add(text.length());
        for (var s : first) {
            cuts.add(Math.min(s.start(), text.length()));
            cuts.add(Math.min(s.end(), text.length()));
        }
        for (var s : second) {
            cuts.add(Math.min(s.start(), text.length()));
            cuts.add(Math.min(s.end(), text.length()));
        }
        var result = new ArrayList<AgreementReport.Piece>();
        Integer from = null;
        for (var cut : cuts) {
            if (from != null && cut > from) {
                int a = from;
                int b = cut;
                var byFirst = first.stream().anyMatch(s -> s.start() <= a && s.end() >= b);
                var bySecond = second.stream().anyMatch(s -> s.start() <= a && s.end() >= b);
                result.add(new AgreementReport.Piece(text.substring(a, b), byFirst, bySecond));
            }
            from = cut;
        }
        return List.copyOf(result);
    }

    private AgreementReport.Row row(String code, Long codeId, Agreement.Result result, int firstApplied, int secondApplied,
                                    Locale locale) {
        return new AgreementReport.Row(code, codeId, result, firstApplied, secondApplied,
                AgreementReadings.percent(result, messages, locale), AgreementReadings.kappa(result, messages, locale),
                AgreementReadings.alpha(result, messages, locale));
    }

    // Bound to the pass, the coder and the span: a blind excerpt cannot be passed off as anyone else's.
    private static String context(long passId, long coderId, String sourceKey, int start, int end) {
        return "blind-segment:" + passId + ":" + coderId + ":" + sourceKey + ":" + start + ":" + end;
    }
}
