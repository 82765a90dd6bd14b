package se.delaktig.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.Interviews;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.ParticipantService;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Coding the free text of a round's completed interviews: any span of a text with one or more codes.
 * A segment is stored as a reference to its text (interview, kind, question, part) with character
 * offsets, and its excerpt encrypted with the round's key; no words are stored in plain text.
 *
 * <p>Several people code at once: adding a segment only ever inserts, and the same span coded with
 * the same code twice is kept once, so nobody's work is overwritten.
 */
@Service
@Transactional
public class Codings {

    /**
     * What the person asks to code: the text's reference ({@link CodableText#key()}), the passage and
     * codes. The passage is given by its words ({@code passage}, as a person selects or types them),
     * by its place in the text (start and end as character offsets, end exclusive, as the
     * page's script and API clients send them), or both: then the place must hold those words.
     */
    public record SegmentRequest(String source, Integer start, Integer end, List<Long> codeIds, String passage) {
    }

    private static final String RECORD = "coding";

    private final JdbcClient jdbc;
    private final Codebooks codebooks;
    private final Interviews interviews;
    private final Guides guides;
    private final RoundKeys keys;
    private final ParticipantService participants;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    Codings(JdbcClient jdbc, Codebooks codebooks, Interviews interviews, Guides guides, RoundKeys keys,
            ParticipantService participants, CurrentActor currentActor, AuditLog audit) {
        this.participants = participants;
        this.jdbc = jdbc;
        this.codebooks = codebooks;
        this.interviews = interviews;
        this.guides = guides;
        this.keys = keys;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    /** The coding page: every text of the round's completed interviews with its segments. */
    public CodingPage page(long roundId) {
        var round = codebooks.readable(roundId);
        var guide = guides.find(round.guideId()).orElseThrow();
        var texts = interviews.textsForCoding(roundId);
        var segments = new HashMap<String, List<Segment>>();
        for (var segment : segments(round.id(), null)) {
            segments.computeIfAbsent(segment.sourceKey(), k -> new ArrayList<>()).add(segment);
        }
        var result = texts.stream().map(t -> new CodingPage.Text(t,
                        t.questionId() == null ? null : guide.question(t.questionId()).map(q -> q.text()).orElse(null),
                        segments.getOrDefault(t.key(), List.of())))
                .toList();
        audit.success("READ", RECORD, "round:" + round.id(), round.unitId());
        var active = codebooks.codes(round.id()).stream().filter(Code::active).toList();
        return new CodingPage(round.id(), round.title(), Codebooks.mayEdit(round, currentActor.get()), active, result);
    }

    /**
     * Codes a span of one text with the given codes. Returns the segments, one per code; a span
     * already coded with a code (perhaps by someone else a moment ago) is returned as it is.
     *
     * @throws InvalidInputException {@code source}, {@code start}, {@code end} or {@code codeIds}
     */
    public List<Segment> code(long roundId, SegmentRequest request) {
        var round = codebooks.editable(roundId, "CODE_SEGMENT");
        var span = span(round.id(), request, interviews.textsForCoding(round.id()));
        var text = span.text();
        var codeIds = span.codeIds();
        var start = span.start();
        var end = span.end();
        var excerpt = keys.encrypt(round.id(), text.text().substring(start, end), excerptContext(text, start, end));
        var username = currentActor.get().username();
        var ids = new ArrayList<Long>();
        for (var codeId : codeIds) {
            jdbc.sql("""
                    insert into coded_segment (round_id, code_id, interview_id, participant_id, kind, question_id, part,
                                               start_offset, end_offset, excerpt, coded_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(round.id(), codeId, text.interviewId(), text.participantId(), text.kind().name(),
                            text.questionId(), text.part(), start, end, excerpt, username)
                    .update();
            ids.add(jdbc.sql("""
                    select id from coded_segment where code_id = ? and interview_id = ? and kind = ?
                    and coalesce(question_id, 0) = coalesce(?, 0) and coalesce(part, '') = coalesce(?, '')
                    and start_offset = ? and end_offset = ?""")
                    .params(codeId, text.interviewId(), text.kind().name(), text.questionId(), text.part(), start, end)
                    .query(Long.class).single());
        }
        audit.success("CODE_SEGMENT", RECORD, text.interviewId(), round.unitId());
        var byId = new HashMap<Long, Segment>();
        segments(round.id(), null).forEach(s -> byId.put(s.id(), s));
        return ids.stream().map(byId::get).toList();
    }

    /** A span someone asks to code, checked: the text it is in, its offsets, and the round's active codes. */
    record Span(CodableText text, int start, int end, List<Long> codeIds) {
    }

    /**
     * Checks a coding request against the texts that may be coded here (all completed interviews, or
     * a double-coding pass's): the text exists, the offsets lie inside it, and every code is an
     * active code of the round. Takes a share lock on the codes, so a merge or retire in progress is
     * waited for and its outcome seen. Shared by {@link #code} and blind double coding.
     *
     * @throws InvalidInputException {@code source}, {@code start}, {@code end} or {@code codeIds}
     */
    Span span(long roundId, SegmentRequest request, List<CodableText> codable) {
        if (request == null || request.source() == null || request.source().isBlank()) {
            throw new InvalidInputException("source", "analysis.coding.sourceRequired");
        }
        var text = codable.stream().filter(t -> t.key().equals(request.source().strip()))
                .findFirst().orElseThrow(() -> new InvalidInputException("source", "analysis.coding.sourceUnknown"));
        var place = place(text.text(), request);
        var codeIds = request.codeIds() == null ? List.<Long>of()
                : List.copyOf(new LinkedHashSet<>(request.codeIds().stream().filter(Objects::nonNull).toList()));
        if (codeIds.isEmpty()) {
            throw new InvalidInputException("codeIds", "analysis.coding.codeRequired");
        }
        // "for share" waits for a merge or retire of the same code in progress, and then sees its outcome.
        var active = jdbc.sql("select id from code where round_id = :round and status = 'ACTIVE' and id in (:ids) for share")
                .param("round", roundId).param("ids", codeIds).query(Long.class).list();
        if (active.size() != codeIds.size()) {
            throw new InvalidInputException("codeIds", "analysis.coding.codeUnknown");
        }
        return new Span(text, place[0], place[1], codeIds);
    }

    // Where in the text the requested passage is: [start, end). Offsets that hold the passage (or
    // offsets alone) are taken as they are; a passage alone is looked up, and must occur once.
    static int[] place(String text, SegmentRequest request) {
        var length = text.length();
        var passage = request.passage() == null ? null : request.passage().strip();
        var start = request.start();
        var end = request.end();
        var offsetsInside = start != null && end != null && start >= 0 && start < length && end > start && end <= length;
        if (passage != null && !passage.isEmpty()) {
            if (offsetsInside && text.substring(start, end).strip().equals(passage)) {
                return new int[]{start, end};
            }
            var at = text.indexOf(passage);
            if (at < 0) {
                throw new InvalidInputException("passage", "analysis.coding.passageNotFound");
            }
            if (text.indexOf(passage, at + 1) >= 0) {
                throw new InvalidInputException("passage", "analysis.coding.passageTwice");
            }
            return new int[]{at, at + passage.length()};
        }
        if (passage != null && start == null && end == null) {
            throw new InvalidInputException("passage", "analysis.coding.passageRequired");
        }
        if (start == null || start < 0 || start >= length) {
            throw new InvalidInputException("start", "analysis.coding.offsets", 0, length);
        }
        if (end == null || end <= start || end > length) {
            throw new InvalidInputException("end", "analysis.coding.offsets", 0, length);
        }
        return new int[]{start, end};
    }

    /** Removes one coded segment (one code from one span). */
    public void uncode(long roundId, long segmentId) {
        var round = codebooks.editable(roundId, "UNCODE_SEGMENT");
        var removed = jdbc.sql("delete from coded_segment where id = ? and round_id = ?").params(segmentId, round.id()).update();
        if (removed == 0) {
            throw new NotFoundException();
        }
        audit.success("UNCODE_SEGMENT", RECORD, segmentId, round.unitId());
    }

    /** One code's page: its segments and how many children they come from. */
    public CodePage codePage(long roundId, long codeId) {
        var round = codebooks.readable(roundId);
        var code = codebooks.code(round.id(), codeId);
        var segments = segments(round.id(), codeId);
        var children = (int) segments.stream().map(Segment::participantId).distinct().count();
        var parent = code.parentId() == null ? null : codebooks.code(round.id(), code.parentId()).name();
        var mergedFrom = codebooks.codes(round.id()).stream()
                .filter(c -> c.mergedInto() != null && c.mergedInto() == codeId).map(Code::name).toList();
        audit.success("READ", RECORD, "code:" + codeId, round.unitId());
        return new CodePage(round.id(), round.title(), code, parent, segments, children, mergedFrom);
    }

    /** How many children (distinct participants) each code of the round covers, by code id. */
    public Map<Long, Integer> childrenPerCode(long roundId) {
        var round = codebooks.readable(roundId);
        var result = new HashMap<Long, Integer>();
        jdbc.sql("select code_id, count(distinct participant_id) from coded_segment where round_id = ? group by code_id")
                .param(round.id()).query(rs -> {
                    result.put(rs.getLong(1), rs.getInt(2));
                });
        return Map.copyOf(result);
    }

    // -------------------------------------------------------------------------------------------

    List<Segment> segments(long roundId, Long codeId) {
        var pseudonyms = new HashMap<Long, String>();
        participants.of(roundId).forEach(p -> pseudonyms.put(p.id(), p.pseudonym()));
        return jdbc.sql("""
                select s.*, c.name as code_name from coded_segment s join code c on c.id = s.code_id
                where s.round_id = :round and (cast(:code as bigint) is null or s.code_id = :code)
                order by s.interview_id, s.kind, s.question_id, s.part, s.start_offset, c.position, c.id""")
                .param("round", roundId).param("code", codeId)
                .query((rs, n) -> segment(rs, roundId, pseudonyms))
                .list();
    }

    private Segment segment(ResultSet rs, long roundId, Map<Long, String> pseudonyms) throws SQLException {
        var kind = CodableText.Kind.valueOf(rs.getString("kind"));
        var interviewId = rs.getLong("interview_id");
        var questionId = (Long) rs.getObject("question_id");
        var part = rs.getString("part");
        var start = rs.getInt("start_offset");
        var end = rs.getInt("end_offset");
        var excerpt = keys.decrypt(roundId, rs.getBytes("excerpt"), excerptContext(interviewId, kind, questionId, part, start, end));
        var participantId = rs.getLong("participant_id");
        return new Segment(rs.getLong("id"), rs.getLong("code_id"), rs.getString("code_name"), interviewId, participantId,
                pseudonyms.getOrDefault(participantId, ""), kind, questionId, part, start, end, excerpt,
                rs.getString("coded_by"), rs.getTimestamp("coded_at").toInstant());
    }

    private static String excerptContext(CodableText text, int start, int end) {
        return excerptContext(text.interviewId(), text.kind(), text.questionId(), text.part(), start, end);
    }

    // Bound to the span, not the code: a merge moves the segment without re-encrypting it. Package-private
    // so that adopting a double-coding pass (DoubleCodings) encrypts its excerpts exactly as coding does.
    static String excerptContext(long interviewId, CodableText.Kind kind, Long questionId, String part, int start, int end) {
        return "segment:" + CodableText.key(interviewId, kind, questionId, part) + ":" + start + ":" + end;
    }
}
