package se.delaktig.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.interview.CodableText;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Places;
import se.delaktig.organization.StaffMember;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Quotes of a round: segments marked as candidates, checked for anything that could identify
 * someone, edited and approved. Only {@link #approved(long)} leaves the analysis: the memo, the
 * feedback, the seminar agenda and every export read approved quotes and nothing else.
 *
 * <p>A candidate's wording is the child's words and is kept encrypted with the round's key
 * ({@code draft}, bound to the span); this class is the only reader of it. Approval is refused while
 * the check finds anything, and stores the de-identified wording in plain text. Every change needs
 * the version the person saw: a change based on an older version is refused ({@code quote.conflict}),
 * never overwriting what someone else did.
 */
@Service
@Transactional
public class Quotes {

    /** Longest wording of a quote. */
    public static final int MAX_TEXT = 2000;

    private static final String RECORD = "quote";

    private final JdbcClient jdbc;
    private final Codebooks codebooks;
    private final Deidentification deidentification;
    private final RoundKeys keys;
    private final ParticipantService participants;
    private final Organization organization;
    private final Places places;
    private final CurrentActor currentActor;
    private final AuditLog audit;
    private final MessageSource messages;
    private final CheckLimiter limiter;

    Quotes(JdbcClient jdbc, Codebooks codebooks, Deidentification deidentification, RoundKeys keys,
           ParticipantService participants, Organization organization, Places places, CurrentActor currentActor,
           AuditLog audit, MessageSource messages, CheckLimiter limiter) {
        this.limiter = limiter;
        this.jdbc = jdbc;
        this.codebooks = codebooks;
        this.deidentification = deidentification;
        this.keys = keys;
        this.participants = participants;
        this.organization = organization;
        this.places = places;
        this.currentActor = currentActor;
        this.audit = audit;
        this.messages = messages;
    }

    /** How many of a round's quotes are approved and how many still wait, for its checklist. */
    record Counts(long approved, long candidates) {
    }

    /**
     * The round's quotes counted by state, nothing of their text: for the round's checklist, which the
     * round page shows to those who may read the round.
     */
    Counts counts(long roundId) {
        return jdbc.sql("""
                select count(*) filter (where status = 'APPROVED'), count(*) filter (where status = 'CANDIDATE')
                from quote where round_id = ?""")
                .param(roundId).query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    /** The round's approved quotes, in codebook order, for anyone who may read the round's analysis. */
    public List<ApprovedQuote> approved(long roundId) {
        var round = codebooks.readable(roundId);
        return jdbc.sql("""
                        select q.id, q.round_id, q.code_id, c.name as code_name, coalesce(c.area_code, p.area_code) as area_code,
                               q.approved_text, q.approved_by, q.approved_at
                        from quote q join code c on c.id = q.code_id left join code p on p.id = c.parent_id
                        where q.round_id = ? and q.status = 'APPROVED'
                        order by coalesce(p.position, c.position), c.position, q.approved_at, q.id""")
                .param(round.id())
                .query((rs, n) -> new ApprovedQuote(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("code_id"),
                        rs.getString("code_name"), rs.getString("area_code"), rs.getString("approved_text"),
                        rs.getString("approved_by"), rs.getTimestamp("approved_at").toInstant()))
                .list();
    }

    /** The quote page: candidates and approved quotes, grouped by code in codebook order. */
    public QuotePage page(long roundId) {
        var round = codebooks.readable(roundId);
        var groups = new LinkedHashMap<Long, List<Quote>>();
        var list = load(round, null);
        list.forEach(q -> groups.computeIfAbsent(q.codeId(), k -> new ArrayList<>()).add(q));
        var result = groups.values().stream()
                .map(qs -> new QuotePage.Group(qs.get(0).codeId(), qs.get(0).codeName(), qs.get(0).parentName(), List.copyOf(qs)))
                .toList();
        audit.success("READ", RECORD, "round:" + round.id(), round.unitId());
        var municipalityId = deidentification.municipalityOf(round);
        return new QuotePage(round.id(), round.title(), Codebooks.mayEdit(round, currentActor.get()),
                Codebooks.mayApprove(round, currentActor.get()), municipalityId,
                places.mayEdit(municipalityId), result);
    }

    /** Candidates and approved quotes of the round, in codebook order. */
    public List<Quote> list(long roundId) {
        var round = codebooks.readable(roundId);
        var list = load(round, null);
        audit.success("READ", RECORD, "round:" + round.id(), round.unitId());
        return list;
    }

    /** One quote of the round; a withdrawn quote or one of another round is a 404. */
    public Quote get(long roundId, long quoteId) {
        var round = codebooks.readable(roundId);
        var quote = one(round, quoteId);
        audit.success("READ", RECORD, quoteId, round.unitId());
        return quote;
    }

    /**
     * Marks a coded segment as a candidate quote: its excerpt becomes the draft, and the code it is
     * coded with is the quote's code. The same span marked again (from another code, or by someone
     * else at the same moment) is the same quote; a withdrawn quote marked again is a candidate again.
     *
     * @throws InvalidInputException {@code segmentId}: missing or not a segment of the round
     */
    public Quote mark(long roundId, Long segmentId) {
        var round = codebooks.editable(roundId, "QUOTE_MARK");
        if (segmentId == null) {
            throw new InvalidInputException("segmentId", "quote.segmentRequired");
        }
        var segment = jdbc.sql("select * from coded_segment where id = ? and round_id = ?").params(segmentId, round.id())
                .query((rs, n) -> new Object[]{rs.getLong("code_id"), rs.getLong("interview_id"), rs.getLong("participant_id"),
                        CodableText.Kind.valueOf(rs.getString("kind")), rs.getObject("question_id"), rs.getString("part"),
                        rs.getInt("start_offset"), rs.getInt("end_offset"), rs.getBytes("excerpt")})
                .optional().orElseThrow(() -> new InvalidInputException("segmentId", "quote.segmentUnknown"));
        var codeId = (long) segment[0];
        var interviewId = (long) segment[1];
        var kind = (CodableText.Kind) segment[3];
        var questionId = (Long) segment[4];
        var part = (String) segment[5];
        var start = (int) segment[6];
        var end = (int) segment[7];
        var excerpt = keys.decrypt(round.id(), (byte[]) segment[8],
                Codings.excerptContext(interviewId, kind, questionId, part, start, end));
        var username = currentActor.get().username();
        // Two people marking the same span at once: the second waits here for the first and gets its quote.
        jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, question_id, part,
                                   start_offset, end_offset, created_by, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict do nothing""")
                .params(round.id(), codeId, interviewId, segment[2], kind.name(), questionId, part, start, end,
                        username, username)
                .update();
        var id = jdbc.sql("""
                select id from quote where round_id = ? and interview_id = ? and kind = ?
                and coalesce(question_id, 0) = coalesce(?, 0) and coalesce(part, '') = coalesce(?, '')
                and start_offset = ? and end_offset = ?""")
                .params(round.id(), interviewId, kind.name(), questionId, part, start, end)
                .query(Long.class).single();
        // The draft is bound to the quote, so it is encrypted once the quote has its id.
        jdbc.sql("update quote set draft = ? where id = ? and draft is null")
                .params(keys.encrypt(round.id(), excerpt, draftContext(id)), id).update();
        // Withdrawn before: a candidate again, with the wording it had and the code it is marked from now.
        jdbc.sql("""
                update quote set status = 'CANDIDATE', code_id = ?, version = version + 1, updated_by = ?, updated_at = now()
                where id = ? and status = 'WITHDRAWN'""")
                .params(codeId, username, id).update();
        audit.success("QUOTE_MARK", RECORD, id, round.unitId());
        return one(round, id);
    }

    /**
     * What the check finds in a text (for instance a wording not yet saved), for the round's readers.
     * First names are only those the person may read (see {@link Deidentification#check}); the text
     * is as long as a quote at most, and one person may ask only so often.
     *
     * @throws InvalidInputException {@code text}: longer than {@link #MAX_TEXT}
     */
    public List<Finding> check(long roundId, String text) {
        var round = codebooks.readable(roundId);
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "quote.check.tooLong", MAX_TEXT);
        }
        limiter.acquire(currentActor.get().username());
        var findings = deidentification.checker(round).findings(text == null ? "" : text);
        audit.success("QUOTE_CHECK", RECORD, "round:" + round.id(), round.unitId());
        return findings;
    }

    /**
     * Changes a candidate's wording, if nobody changed the quote since {@code expectedVersion}; the
     * returned quote carries the check of the new wording.
     *
     * @throws InvalidInputException {@code text}: empty, too long or with a new identity number;
     *                               {@code version}: someone changed it meanwhile; {@code status}: approved
     */
    public Quote edit(long roundId, long quoteId, Integer expectedVersion, String text) {
        var round = codebooks.editable(roundId, "QUOTE_EDIT");
        var current = one(round, quoteId);
        requireVersion(current, expectedVersion);
        requireCandidate(current);
        var cleaned = text == null ? "" : text.strip().replace("\r\n", "\n");
        if (cleaned.isEmpty()) {
            throw new InvalidInputException("text", "quote.text.required");
        }
        if (cleaned.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "quote.text.tooLong", MAX_TEXT);
        }
        // A saved wording comes back checked: as much a check of a text of one's choosing as check().
        limiter.acquire(currentActor.get().username());
        // An identity number the child's words already had is flagged by the check and replaced;
        // one that the edit would bring in is refused.
        var before = new HashSet<String>();
        IdentityNumbers.find(current.text()).forEach(s -> before.add(digits(current.text().substring(s.start(), s.end()))));
        if (IdentityNumbers.find(cleaned).stream().anyMatch(s -> !before.contains(digits(cleaned.substring(s.start(), s.end()))))) {
            throw new InvalidInputException("text", "privacy.identityNumber");
        }
        save(round, current, cleaned);
        audit.success("QUOTE_EDIT", RECORD, quoteId, round.unitId());
        return one(round, quoteId);
    }

    /**
     * Replaces one finding of a candidate (by its offsets in the current wording) with the neutral
     * placeholder of its kind: "[namn]", "[plats]", "[telefonnummer]", "[e-post]" or "[personnummer]".
     *
     * @throws InvalidInputException {@code finding}: no finding stands there (any more)
     */
    public Quote replace(long roundId, long quoteId, Integer expectedVersion, Integer start, Integer end) {
        var round = codebooks.editable(roundId, "QUOTE_EDIT");
        var current = one(round, quoteId);
        requireVersion(current, expectedVersion);
        requireCandidate(current);
        var finding = current.findings().stream()
                .filter(f -> start != null && end != null && f.start() == start && f.end() == end)
                .findFirst().orElseThrow(() -> new InvalidInputException("finding", "quote.findingUnknown"));
        save(round, current, DeidentificationCheck.replace(current.text(), finding));
        audit.success("QUOTE_EDIT", RECORD, quoteId, round.unitId());
        return one(round, quoteId);
    }

    /**
     * Approves a candidate whose wording the check finds nothing in: the wording is stored as the
     * approved, de-identified quote, with who approved it and when. Only the process lead approves,
     * because only the full check, against the whole key list, may decide: an approval by someone
     * who may not read the key list would tell them whether a name of it stands in the text.
     *
     * @throws InvalidInputException {@code text}: the check still finds something (named in the
     *                               message); {@code version}: someone changed it meanwhile;
     *                               {@code status}: the person is not the round's process lead
     */
    public Quote approve(long roundId, long quoteId, Integer expectedVersion) {
        var round = codebooks.editable(roundId, "QUOTE_APPROVE");
        var current = one(round, quoteId);
        requireVersion(current, expectedVersion);
        requireCandidate(current);
        if (!Codebooks.mayApprove(round, currentActor.get())) {
            throw new InvalidInputException("status", "quote.approve.processLeadOnly");
        }
        if (!current.clean()) {
            throw new InvalidInputException("text", "quote.approve.findingsLeft", describe(current.findings()));
        }
        var username = currentActor.get().username();
        var updated = jdbc.sql("""
                update quote set status = 'APPROVED', approved_text = ?, approved_by = ?, approved_at = now(),
                                 version = version + 1, updated_by = ?, updated_at = now()
                where id = ? and version = ? and status = 'CANDIDATE'""")
                .params(current.text(), username, username, quoteId, current.version()).update();
        if (updated == 0) {
            throw conflict();
        }
        audit.success("QUOTE_APPROVE", RECORD, quoteId, round.unitId());
        return one(round, quoteId);
    }

    /** Takes an approved quote back to a candidate, with its approved wording as the draft. */
    public Quote unapprove(long roundId, long quoteId, Integer expectedVersion) {
        var round = codebooks.editable(roundId, "QUOTE_UNAPPROVE");
        var current = one(round, quoteId);
        requireVersion(current, expectedVersion);
        if (!current.approved()) {
            throw new InvalidInputException("status", "quote.notApproved");
        }
        var updated = jdbc.sql("""
                update quote set status = 'CANDIDATE', draft = ?, approved_text = null, approved_by = null, approved_at = null,
                                 version = version + 1, updated_by = ?, updated_at = now()
                where id = ? and version = ? and status = 'APPROVED'""")
                .params(keys.encrypt(round.id(), current.text(), draftContext(quoteId)), currentActor.get().username(),
                        quoteId, current.version())
                .update();
        if (updated == 0) {
            throw conflict();
        }
        audit.success("QUOTE_UNAPPROVE", RECORD, quoteId, round.unitId());
        return one(round, quoteId);
    }

    /** Withdraws a candidate: it is no longer a quote (marking the span again brings it back). */
    public void withdraw(long roundId, long quoteId, Integer expectedVersion) {
        var round = codebooks.editable(roundId, "QUOTE_WITHDRAW");
        var current = one(round, quoteId);
        requireVersion(current, expectedVersion);
        requireCandidate(current);
        var updated = jdbc.sql("""
                update quote set status = 'WITHDRAWN', version = version + 1, updated_by = ?, updated_at = now()
                where id = ? and version = ? and status = 'CANDIDATE'""")
                .params(currentActor.get().username(), quoteId, current.version()).update();
        if (updated == 0) {
            throw conflict();
        }
        audit.success("QUOTE_WITHDRAW", RECORD, quoteId, round.unitId());
    }

    /** The ids of the round's segments whose span is a candidate or approved quote, by segment id. */
    public Map<Long, Long> quotedSegments(long roundId) {
        var round = codebooks.readable(roundId);
        var result = new HashMap<Long, Long>();
        jdbc.sql("""
                select s.id, q.id from coded_segment s join quote q on q.round_id = s.round_id and q.interview_id = s.interview_id
                and q.kind = s.kind and coalesce(q.question_id, 0) = coalesce(s.question_id, 0)
                and coalesce(q.part, '') = coalesce(s.part, '') and q.start_offset = s.start_offset and q.end_offset = s.end_offset
                where s.round_id = ? and q.status <> 'WITHDRAWN'""")
                .param(round.id()).query(rs -> {
                    result.put(rs.getLong(1), rs.getLong(2));
                });
        return Map.copyOf(result);
    }

    // -------------------------------------------------------------------------------------------

    private void save(Round round, Quote current, String text) {
        var updated = jdbc.sql("""
                update quote set draft = ?, version = version + 1, updated_by = ?, updated_at = now()
                where id = ? and version = ? and status = 'CANDIDATE'""")
                .params(keys.encrypt(round.id(), text, draftContext(current.id())), currentActor.get().username(),
                        current.id(), current.version())
                .update();
        if (updated == 0) {
            throw conflict();
        }
    }

    private Quote one(Round round, long quoteId) {
        return load(round, quoteId).stream().findFirst().orElseThrow(NotFoundException::new);
    }

    private List<Quote> load(Round round, Long quoteId) {
        var rows = jdbc.sql("""
                        select q.*, c.name as code_name, p.name as parent_name, coalesce(c.area_code, p.area_code) as area_code
                        from quote q join code c on c.id = q.code_id left join code p on p.id = c.parent_id
                        where q.round_id = :round and q.status <> 'WITHDRAWN' and (cast(:id as bigint) is null or q.id = :id)
                        order by coalesce(p.position, c.position), c.position, c.id, q.status desc, q.created_at, q.id""")
                .param("round", round.id()).param("id", quoteId)
                .query(this::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        var pseudonyms = new HashMap<Long, String>();
        participants.of(round.id()).forEach(p -> pseudonyms.put(p.id(), p.pseudonym()));
        var check = deidentification.checker(round);
        var names = new HashMap<String, String>();
        // Once the round's free text is shredded, a candidate's draft can never be read (or approved)
        // again: only the approved quotes, kept in their de-identified wording, are left to list.
        var textReadable = keys.hasKey(round.id());
        return rows.stream().filter(r -> r.status() == Quote.Status.APPROVED || textReadable).map(r -> {
            var text = r.status() == Quote.Status.APPROVED ? r.approvedText()
                    : keys.decrypt(round.id(), r.draft(), draftContext(r.id()));
            var approver = r.approvedBy() == null ? null : names.computeIfAbsent(r.approvedBy(),
                    u -> organization.staffByUsername(u).map(StaffMember::displayName).orElse(u));
            return new Quote(r.id(), round.id(), r.codeId(), r.codeName(), r.parentName(), r.areaCode(),
                    pseudonyms.getOrDefault(r.participantId(), ""), r.status(), text, r.version(), check.findings(text),
                    r.createdBy(), r.createdAt(), r.approvedBy(), approver, r.approvedAt());
        }).toList();
    }

    /** One row as stored; the draft still encrypted. */
    private record Row(long id, long codeId, String codeName, String parentName, String areaCode, long participantId,
                       Quote.Status status, byte[] draft, String approvedText, int version, String createdBy,
                       Instant createdAt, String approvedBy, Instant approvedAt) {
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        var approvedAt = rs.getTimestamp("approved_at");
        return new Row(rs.getLong("id"), rs.getLong("code_id"), rs.getString("code_name"), rs.getString("parent_name"),
                rs.getString("area_code"), rs.getLong("participant_id"), Quote.Status.valueOf(rs.getString("status")),
                rs.getBytes("draft"), rs.getString("approved_text"), rs.getInt("version"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("approved_by"),
                approvedAt == null ? null : approvedAt.toInstant());
    }

    private void requireVersion(Quote current, Integer expectedVersion) {
        if (expectedVersion == null) {
            throw new InvalidInputException("version", "quote.versionRequired");
        }
        if (current.version() != expectedVersion) {
            throw conflict();
        }
    }

    private static void requireCandidate(Quote current) {
        if (current.approved()) {
            throw new InvalidInputException("status", "quote.alreadyApproved");
        }
    }

    /** "ett förnamn (”Anna”), ett telefonnummer (”070-123 45 67”)" in the person's language. */
    private String describe(List<Finding> findings) {
        var locale = LocaleContextHolder.getLocale();
        var parts = new ArrayList<String>();
        for (var finding : findings) {
            parts.add(messages.getMessage("quote.left." + finding.kind().name(), new Object[]{finding.text()}, locale));
        }
        var and = messages.getMessage("quote.left.and", null, locale);
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " " + and + " " + parts.get(parts.size() - 1);
    }

    private static String digits(String text) {
        return text.replaceAll("\\D", "");
    }

    private static InvalidInputException conflict() {
        return new InvalidInputException("version", "quote.conflict");
    }

    /** The draft is bound to its quote: a draft copied to another row does not decrypt. */
    private static String draftContext(long quoteId) {
        return "quote:" + quoteId;
    }
}
