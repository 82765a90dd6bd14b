package se.delaktig.interview;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.StaffMember;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Safeguarding flags: when a child says something that may need a report of concern, the assigned
 * interviewer flags the interview with a short note, and the unit's process leads and unit managers
 * are told to act in the case system. Only those two roles read the note.
 *
 * <p>Kept apart on purpose: flags live in their own table, are not part of {@link InterviewView},
 * and nothing in {@link InterviewResults} reads them, so they can never reach counts, analysis,
 * reports or exports.
 */
@Service
@Transactional
public class Safeguarding {

    /** Longest accepted note: the details belong in the case system, not here. */
    public static final int MAX_NOTE = 2_000;

    private static final String RECORD = "safeguarding";
    private static final Role[] RECEIVERS = {Role.PROCESS_LEAD, Role.UNIT_MANAGER};

    /**
     * A flag as its receivers see it.
     *
     * @param note null when the round's key has been destroyed
     */
    public record Notice(long id, long unitId, long roundId, String roundTitle, String pseudonym, Long interviewId,
                         String raisedBy, Instant raisedAt, String note, String acknowledgedBy, Instant acknowledgedAt) {

        public boolean acknowledged() {
            return acknowledgedAt != null;
        }
    }

    /** A flag as the interviewer who raised it sees it on the interview: when, and whether it is handled. */
    public record RaisedFlag(long id, Instant raisedAt, boolean acknowledged) {
    }

    private record Row(long id, long roundId, long unitId, Long participantId, Long interviewId, long raisedBy,
                       Instant raisedAt, byte[] note, Long acknowledgedBy, Instant acknowledgedAt) {
    }

    private final JdbcClient jdbc;
    private final Interviews interviews;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Organization organization;
    private final CurrentActor currentActor;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Safeguarding(JdbcClient jdbc, Interviews interviews, RoundService rounds, ParticipantService participants,
                 Organization organization, CurrentActor currentActor, RoundKeys keys, AuditLog audit,
                 ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.interviews = interviews;
        this.rounds = rounds;
        this.participants = participants;
        this.organization = organization;
        this.currentActor = currentActor;
        this.keys = keys;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Flags the interview. Only the child's assigned interviewer may, at any step before the round
     * is closed (a child can disclose something after the interview too); anyone else gets a 404.
     */
    public RaisedFlag raise(long interviewId, String note) {
        var interview = interviews.get(interviewId);
        var round = rounds.get(interview.roundId());
        if (!interviews.permissions(interview).assignedToMe()) {
            audit.record("RAISE", RECORD, "interview:" + interviewId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("note", "interview.safeguarding.closed");
        }
        var text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("note", "interview.safeguarding.noteRequired");
        }
        if (text.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "interview.text.tooLong", MAX_NOTE);
        }
        if (IdentityNumbers.containsIdentityNumber(text)) {
            throw new InvalidInputException("note", "privacy.identityNumber");
        }
        var id = jdbc.sql("""
                insert into safeguarding_flag (round_id, unit_id, participant_id, interview_id, raised_by, note)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(round.id(), round.unitId(), interview.participantId(), interviewId, currentActor.get().staffId(),
                        new byte[0])
                .query(Long.class).single();
        // Encrypted after the insert so the ciphertext is bound to the flag's own id.
        jdbc.sql("update safeguarding_flag set note = ? where id = ?")
                .params(keys.encrypt(round.id(), text, noteContext(id)), id).update();
        audit.success("RAISE", RECORD, id, round.unitId());
        events.publishEvent(new SafeguardingFlagRaised(id, round.unitId(), round.id()));
        return new RaisedFlag(id, Instant.now(), false);
    }

    /** The flags on an interview, for its assigned interviewer: when they were raised and whether handled. */
    @Transactional(readOnly = true)
    public List<RaisedFlag> raisedOn(long interviewId) {
        var interview = interviews.get(interviewId);
        if (!interviews.permissions(interview).assignedToMe()) {
            return List.of();
        }
        return jdbc.sql("select * from safeguarding_flag where interview_id = ? order by raised_at")
                .param(interviewId).query(Safeguarding::row).list().stream()
                .map(r -> new RaisedFlag(r.id(), r.raisedAt(), r.acknowledgedAt() != null)).toList();
    }

    /** The notices of the units where the current person is process lead or unit manager, newest first. */
    public List<Notice> forMe() {
        var units = receivingUnits();
        if (units.isEmpty()) {
            return List.of();
        }
        var rows = jdbc.sql("""
                select * from safeguarding_flag where unit_id in (:units)
                order by acknowledged_at is not null, raised_at desc""")
                .param("units", units).query(Safeguarding::row).list();
        var staff = new HashMap<Long, Optional<StaffMember>>();
        var notices = new ArrayList<Notice>();
        for (var row : rows) {
            notices.add(notice(row, staff));
            audit.success("READ", RECORD, row.id(), row.unitId());
        }
        return notices;
    }

    /** How many notices are not yet handled, for a badge in the navigation. Reads no child data. */
    @Transactional(readOnly = true)
    public int openCount() {
        var units = receivingUnits();
        if (units.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from safeguarding_flag where unit_id in (:units) and acknowledged_at is null")
                .param("units", units).query(Integer.class).single();
    }

    /** One notice, for a receiver of its unit; a 404 for everyone else. */
    public Notice get(long flagId) {
        var row = receivable(flagId, "READ");
        audit.success("READ", RECORD, flagId, row.unitId());
        return notice(row, new HashMap<>());
    }

    /**
     * Marks the notice as handled ("hanterad"): a receiver has acted on it in the case system.
     * Handling it twice keeps the first time and person.
     */
    public Notice acknowledge(long flagId) {
        var row = receivable(flagId, "ACKNOWLEDGE");
        jdbc.sql("""
                update safeguarding_flag set acknowledged_by = ?, acknowledged_at = now()
                where id = ? and acknowledged_at is null""")
                .params(currentActor.get().staffId(), flagId).update();
        audit.success("ACKNOWLEDGE", RECORD, flagId, row.unitId());
        return notice(find(flagId).orElseThrow(), new HashMap<>());
    }

    /** The process leads and unit managers who receive the notices of a unit, for the mail. */
    @Transactional(readOnly = true)
    public List<StaffMember> receiversOf(long unitId) {
        var result = new ArrayList<StaffMember>();
        for (var role : RECEIVERS) {
            organization.staffOfUnit(unitId, role).stream()
                    .filter(s -> result.stream().noneMatch(r -> r.id() == s.id()))
                    .forEach(result::add);
        }
        return result;
    }

    // -------------------------------------------------------------------------------------------

    private Set<Long> receivingUnits() {
        return currentActor.find().map(a -> a.unitsWith(RECEIVERS)).orElse(Set.of());
    }

    private Row receivable(long flagId, String action) {
        var row = find(flagId).orElseThrow(NotFoundException::new);
        if (!receivingUnits().contains(row.unitId())) {
            audit.record(action, RECORD, flagId, row.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return row;
    }

    private Notice notice(Row row, Map<Long, Optional<StaffMember>> staff) {
        var round = rounds.get(row.roundId());
        var pseudonym = row.participantId() == null ? null : participants.get(row.participantId()).pseudonym();
        String note;
        try {
            note = keys.decrypt(row.roundId(), row.note(), noteContext(row.id()));
        } catch (RoundKeys.KeyDestroyedException e) {
            note = null;
        }
        return new Notice(row.id(), row.unitId(), row.roundId(), round.title(), pseudonym, row.interviewId(),
                name(row.raisedBy(), staff), row.raisedAt(), note,
                row.acknowledgedBy() == null ? null : name(row.acknowledgedBy(), staff), row.acknowledgedAt());
    }

    private String name(long staffId, Map<Long, Optional<StaffMember>> cache) {
        return cache.computeIfAbsent(staffId, organization::staffMember).map(StaffMember::displayName).orElse("–");
    }

    private Optional<Row> find(long flagId) {
        return jdbc.sql("select * from safeguarding_flag where id = ?").param(flagId).query(Safeguarding::row).optional();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        var acknowledged = rs.getTimestamp("acknowledged_at");
        return new Row(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("unit_id"),
                (Long) rs.getObject("participant_id"), (Long) rs.getObject("interview_id"), rs.getLong("raised_by"),
                rs.getTimestamp("raised_at").toInstant(), rs.getBytes("note"),
                (Long) rs.getObject("acknowledged_by"), acknowledged == null ? null : acknowledged.toInstant());
    }

    private static String noteContext(long flagId) {
        return "safeguarding:" + flagId + ":note";
    }
}
