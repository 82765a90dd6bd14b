package se.delaktig.seminar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Area;
import se.delaktig.guide.Guides;
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

    /** A proposal, ranked from 1. {@code areaTitle} is null when the proposal is not tied to one area. */
    public record Proposal(long id, long roundId, int rank, String areaCode, String areaTitle, String text,
                           String evidence, String createdBy, Instant createdAt) {
    }

    /** What someone in the seminar types for a new proposal. */
    public record NewProposal(String text, String areaCode, String evidence) {
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

    Seminars(JdbcClient jdbc, RoundService rounds, Organization organization, CurrentActor currentActor,
             CompletedInterviews completed, Guides guides, RoundKeys keys, AuditLog audit) {
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

    @Transactional(readOnly = true)
    public Proposals proposals(long roundId) {
        var round = rounds.get(roundId);
        var titles = areas(round).stream().collect(Collectors.toMap(Area::code, Area::title, (a, b) -> a));
        var items = jdbc.sql("""
                select id, rank, area_code, text, evidence, created_by, created_at from seminar_proposal
                where round_id = ? order by rank, id""")
                .param(roundId)
                .query((rs, n) -> new Proposal(rs.getLong(1), roundId, rs.getInt(2), rs.getString(3),
                        rs.getString(3) == null ? null : titles.get(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
        audit.success("READ_PROPOSALS", "seminar", roundId, round.unitId());
        return new Proposals(version(roundId), items);
    }

    /**
     * A token that changes whenever a proposal is added or moved. Cheap, and read from the database,
     * so every application node gives the same answer.
     */
    @Transactional(readOnly = true)
    public String proposalsVersion(long roundId) {
        rounds.get(roundId);
        return version(roundId);
    }

    private String version(long roundId) {
        return jdbc.sql("""
                select count(*) || '-' || coalesce(floor(extract(epoch from max(changed_at)) * 1000000)::bigint, 0)
                from seminar_proposal where round_id = ?""")
                .param(roundId).query(String.class).single();
    }

    /** Adds a proposal last in the ranking. */
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
        var evidence = input.evidence() == null || input.evidence().isBlank() ? null : input.evidence().strip();
        if (evidence != null && evidence.length() > MAX_TEXT) {
            throw new InvalidInputException("evidence", "seminar.proposal.tooLong", MAX_TEXT);
        }
        guardIdentityNumber("evidence", evidence);
        var area = input.areaCode() == null || input.areaCode().isBlank() ? null : input.areaCode();
        if (area != null && areas(round).stream().noneMatch(a -> a.code().equals(area))) {
            throw new InvalidInputException("areaCode", "seminar.proposal.area.unknown");
        }
        // Serialises concurrent additions to one round, so two proposals never share a rank.
        lockProposals(roundId);
        var rank = jdbc.sql("select coalesce(max(rank), 0) + 1 from seminar_proposal where round_id = ?")
                .param(roundId).query(Integer.class).single();
        var id = jdbc.sql("""
                insert into seminar_proposal (round_id, area_code, text, evidence, rank, created_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(roundId, area, text, evidence, rank, currentActor.get().username())
                .query(Long.class).single();
        audit.success("CREATE", "seminar_proposal", id, round.unitId());
        return proposals(roundId).items().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /** Moves a proposal one place up or down; at the top or bottom it stays where it is. */
    public void move(long roundId, long proposalId, Direction direction) {
        var round = rounds.get(roundId);
        rounds.requireOpen(round);
        lockProposals(roundId);
        var ranked = jdbc.sql("select id from seminar_proposal where round_id = ? order by rank, id")
                .param(roundId).query(Long.class).list();
        int at = ranked.indexOf(proposalId);
        if (at < 0) {
            throw new NotFoundException();
        }
        int to = direction == Direction.UP ? at - 1 : at + 1;
        if (to < 0 || to >= ranked.size()) {
            return;
        }
        var order = new ArrayList<>(ranked);
        order.set(at, ranked.get(to));
        order.set(to, proposalId);
        // Rewrites the ranks 1..n, which also repairs any gap left by earlier data.
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update seminar_proposal set rank = ?, changed_at = clock_timestamp() where id = ? and rank <> ?")
                    .params(i + 1, order.get(i), i + 1).update();
        }
        audit.success("RANK", "seminar_proposal", proposalId, round.unitId());
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
