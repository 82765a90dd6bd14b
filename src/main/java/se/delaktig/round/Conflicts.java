package se.delaktig.round;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.StaffMember;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Conflicts of interest between a child and the staff who could interview them: the case workers
 * recorded with the child, and the staff the process lead has marked as knowing the family. The
 * same rule serves a single assignment and the suggestion, so they can never disagree.
 */
@Service
@Transactional
public class Conflicts {

    /** Longest note on why someone knows the family; a hint, not a case file. */
    public static final int MAX_NOTE = 300;

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final Organization organization;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final CurrentActor currentActor;

    Conflicts(JdbcClient jdbc, RoundService rounds, Organization organization, RoundKeys keys, AuditLog audit,
              CurrentActor currentActor) {
        this.currentActor = currentActor;
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.organization = organization;
        this.keys = keys;
        this.audit = audit;
    }

    /** The first conflict between the child and the staff member, case workers first. */
    public Optional<Conflict> between(Participant participant, long staffId) {
        return between(participant, staffId, knownByIds(List.of(participant.id())).getOrDefault(participant.id(), Set.of()));
    }

    static Optional<Conflict> between(Participant participant, long staffId, Set<Long> knowsFamily) {
        var caseWorker = participant.caseWorkers().stream().filter(c -> c.staffId() == staffId).findFirst();
        if (caseWorker.isPresent()) {
            return Optional.of(caseWorker.get().current() ? Conflict.CURRENT_CASE_WORKER : Conflict.FORMER_CASE_WORKER);
        }
        return knowsFamily.contains(staffId) ? Optional.of(Conflict.KNOWS_FAMILY) : Optional.empty();
    }

    /** Who knows each child's family, by participant id (no notes: for checking, not for showing). */
    @Transactional(readOnly = true)
    Map<Long, Set<Long>> knownByIds(Collection<Long> participantIds) {
        var result = new HashMap<Long, Set<Long>>();
        if (participantIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select participant_id, staff_id from participant_known_by where participant_id in (:ids)")
                .param("ids", participantIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                });
        return result;
    }

    /** The staff marked as knowing the child's family, with notes. For the round's process leads only. */
    @Transactional(readOnly = true)
    public List<KnownBy> knownBy(long participantId) {
        var round = managedRoundOf(participantId, false);
        var list = jdbc.sql("""
                select k.staff_id, s.display_name, k.note from participant_known_by k join staff s on s.id = k.staff_id
                where k.participant_id = ? order by s.display_name, k.staff_id""")
                .param(participantId)
                .query((rs, n) -> {
                    var note = rs.getBytes(3);
                    return new KnownBy(rs.getLong(1), rs.getString(2),
                            note == null ? null : keys.decryptIdentity(round.id(), note, noteContext(participantId, rs.getLong(1))));
                })
                .list();
        audit.success("READ_KNOWN_BY", "participant", participantId, round.unitId());
        return list;
    }

    /**
     * Marks a staff member of the unit as knowing the child's family. Marking again replaces the note.
     * The note is optional; it must not hold an identity number.
     */
    public void markKnowsFamily(long participantId, Long staffId, String note) {
        var round = managedRoundOf(participantId);
        if (staffId == null) {
            throw new InvalidInputException("knownStaffId", "assignment.knownBy.staffRequired");
        }
        if (organization.staffOfUnit(round.unitId()).stream().map(StaffMember::id).noneMatch(id -> id == staffId.longValue())) {
            throw new InvalidInputException("knownStaffId", "participant.caseWorker.unknown");
        }
        var text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw new InvalidInputException("knownNote", "assignment.knownBy.noteTooLong", MAX_NOTE);
        }
        if (IdentityNumbers.containsIdentityNumber(text)) {
            throw new InvalidInputException("knownNote", "privacy.identityNumber");
        }
        jdbc.sql("""
                insert into participant_known_by (participant_id, staff_id, note) values (?, ?, ?)
                on conflict (participant_id, staff_id) do update set note = excluded.note""")
                .params(participantId, staffId,
                        text == null ? null : keys.encryptIdentity(round.id(), text, noteContext(participantId, staffId)))
                .update();
        audit.record(currentActor.get().username(), "MARK_KNOWS_FAMILY", "participant", participantId, round.unitId(), AuditLog.Outcome.SUCCESS,
                "staff=" + staffId);
    }

    public void unmarkKnowsFamily(long participantId, long staffId) {
        var round = managedRoundOf(participantId);
        jdbc.sql("delete from participant_known_by where participant_id = ? and staff_id = ?")
                .params(participantId, staffId).update();
        audit.record(currentActor.get().username(), "UNMARK_KNOWS_FAMILY", "participant", participantId, round.unitId(), AuditLog.Outcome.SUCCESS,
                "staff=" + staffId);
    }

    private Round managedRoundOf(long participantId) {
        return managedRoundOf(participantId, true);
    }

    /** The participant's round for its process lead; {@code toChange}: refused once the round is closed. */
    private Round managedRoundOf(long participantId, boolean toChange) {
        var roundId = jdbc.sql("select round_id from participant where id = ?").param(participantId)
                .query(Long.class).optional().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(roundId);
        if (toChange) {
            rounds.requireOpen(round);
        }
        return round;
    }

    static String noteContext(long participantId, long staffId) {
        return "known-by:" + participantId + ":" + staffId;
    }
}
