package se.delaktig.round;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

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
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Participants of a round, their key list entries, consent and interviewer. Every read of a
 * participant list or a key list entry, and every change, is written to the audit log.
 */
@Service
@Transactional
public class ParticipantService {

    /** What the process lead types to add a child. Case workers are staff ids. */
    public record NewParticipant(Integer age, Gender gender, String language, ContactType contactType, String firstName,
                                 String contact, Collection<Long> currentCaseWorkers, Collection<Long> formerCaseWorkers) {

        /** A Swedish-speaking child whose type of contact is not recorded. */
        public NewParticipant(Integer age, Gender gender, String firstName, String contact,
                              Collection<Long> currentCaseWorkers, Collection<Long> formerCaseWorkers) {
            this(age, gender, "sv", null, firstName, contact, currentCaseWorkers, formerCaseWorkers);
        }
    }

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final CurrentActor currentActor;
    private final Organization organization;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final Conflicts conflicts;

    ParticipantService(JdbcClient jdbc, RoundService rounds, CurrentActor currentActor, Organization organization,
                       RoundKeys keys, AuditLog audit, Conflicts conflicts) {
        this.conflicts = conflicts;
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.currentActor = currentActor;
        this.organization = organization;
        this.keys = keys;
        this.audit = audit;
    }

    /** All participants of a round the current person may see, by pseudonym. */
    @Transactional(readOnly = true)
    public List<Participant> of(long roundId) {
        var round = rounds.get(roundId);
        var list = load("where p.round_id = ? order by p.pseudonym", roundId);
        audit.success("READ_PARTICIPANTS", "round", roundId, round.unitId());
        return list;
    }

    /** One participant, if the current person may see its round; otherwise a 404. */
    @Transactional(readOnly = true)
    public Participant get(long participantId) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.get(participant.roundId());
        audit.success("READ", "participant", participantId, round.unitId());
        return participant;
    }

    /** The interviews assigned to the current person, across their rounds. */
    @Transactional(readOnly = true)
    public List<Participant> assignedToMe() {
        return load("where p.interviewer_id = ? order by p.round_id desc, p.pseudonym", currentActor.get().staffId());
    }

    public Participant add(long roundId, NewParticipant input) {
        var round = rounds.getManaged(roundId);
        if (input.age() == null) {
            throw new InvalidInputException("age", "participant.age.required");
        }
        if (input.age() < 4 || input.age() > 20) {
            throw new InvalidInputException("age", "participant.age.range");
        }
        var language = input.language() == null || input.language().isBlank() ? "sv" : input.language().trim().toLowerCase();
        if (!language.matches("[a-z]{2,3}")) {
            throw new InvalidInputException("language", "participant.language.invalid");
        }
        if (input.firstName() == null || input.firstName().isBlank()) {
            throw new InvalidInputException("firstName", "participant.firstName.required");
        }
        if (input.firstName().length() > 60) {
            throw new InvalidInputException("firstName", "participant.firstName.tooLong");
        }
        if (input.contact() != null && input.contact().length() > 500) {
            throw new InvalidInputException("contact", "participant.contact.tooLong");
        }
        if (IdentityNumbers.containsIdentityNumber(input.firstName())) {
            throw new InvalidInputException("firstName", "privacy.identityNumber");
        }
        if (IdentityNumbers.containsIdentityNumber(input.contact())) {
            throw new InvalidInputException("contact", "privacy.identityNumber");
        }
        var unitStaff = organization.staffOfUnit(round.unitId()).stream().map(StaffMember::id).toList();
        var current = new LinkedHashSet<>(input.currentCaseWorkers() == null ? List.<Long>of() : input.currentCaseWorkers());
        var former = new LinkedHashSet<>(input.formerCaseWorkers() == null ? List.<Long>of() : input.formerCaseWorkers());
        former.removeAll(current);
        for (var id : current) {
            if (!unitStaff.contains(id)) {
                throw new InvalidInputException("currentCaseWorkers", "participant.caseWorker.unknown");
            }
        }
        for (var id : former) {
            if (!unitStaff.contains(id)) {
                throw new InvalidInputException("formerCaseWorkers", "participant.caseWorker.unknown");
            }
        }
        // Lock the round so that two process leads adding at once cannot get the same pseudonym.
        jdbc.sql("select id from round where id = ? for update").param(roundId).query(Long.class).single();
        var next = jdbc.sql("select coalesce(max(substring(pseudonym from 2)::int), 0) + 1 from participant where round_id = ?")
                .param(roundId).query(Integer.class).single();
        var pseudonym = String.format("B%02d", next);
        var id = jdbc.sql("""
                insert into participant (round_id, pseudonym, age, gender, language, contact_type)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(roundId, pseudonym, input.age(), input.gender() == null ? null : input.gender().name(), language,
                        input.contactType() == null ? null : input.contactType().name())
                .query(Long.class).single();
        for (var staffId : current) {
            jdbc.sql("insert into participant_case_worker (participant_id, staff_id, current) values (?, ?, true)")
                    .params(id, staffId).update();
        }
        for (var staffId : former) {
            jdbc.sql("insert into participant_case_worker (participant_id, staff_id, current) values (?, ?, false)")
                    .params(id, staffId).update();
        }
        writeKeyEntry(roundId, id, new KeyListEntry(input.firstName().trim(), input.contact() == null ? null : input.contact().trim()));
        audit.success("CREATE", "participant", id, round.unitId());
        return load("where p.id = ?", id).get(0);
    }

    /**
     * The child's first name and contact. Only the round's process lead and the child's assigned
     * interviewer may read them; anyone else gets a 404.
     */
    @Transactional(readOnly = true)
    public KeyListEntry keyEntry(long participantId) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.get(participant.roundId());
        var actor = currentActor.get();
        var allowed = actor.has(round.unitId(), Role.PROCESS_LEAD)
                || (participant.interviewerId() != null && participant.interviewerId() == actor.staffId());
        if (!allowed) {
            audit.record("READ_KEY_LIST", "participant", participantId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        var ciphertext = jdbc.sql("select ciphertext from key_list_entry where participant_id = ?").param(participantId)
                .query(byte[].class).optional();
        audit.success("READ_KEY_LIST", "participant", participantId, round.unitId());
        return ciphertext.map(c -> parse(keys.decrypt(round.id(), c, keyContext(participantId))))
                .orElse(new KeyListEntry(null, null));
    }

    /** First names of the round's key list, for the process lead (e.g. letters and the de-identification check). */
    @Transactional(readOnly = true)
    public Map<Long, KeyListEntry> keyList(long roundId) {
        var round = rounds.getManaged(roundId);
        var result = new HashMap<Long, KeyListEntry>();
        jdbc.sql("select k.participant_id, k.ciphertext from key_list_entry k join participant p on p.id = k.participant_id where p.round_id = ?")
                .param(roundId)
                .query(rs -> {
                    var pid = rs.getLong(1);
                    result.put(pid, parse(keys.decrypt(round.id(), rs.getBytes(2), keyContext(pid))));
                });
        audit.success("READ_KEY_LIST", "round", roundId, round.unitId());
        return result;
    }

    public void recordConsent(long participantId, ChildAnswer child, GuardianAnswer guardians) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        if (guardians == GuardianAnswer.NOT_NEEDED && participant.age() < ConsentStatus.AGE_OF_OWN_CONSENT) {
            throw new InvalidInputException("guardianAnswer", "participant.consent.guardiansNeeded",
                    ConsentStatus.AGE_OF_OWN_CONSENT);
        }
        jdbc.sql("update participant set child_answer = ?, guardian_answer = ?, consent_updated_at = now() where id = ?")
                .params(child == null ? null : child.name(), guardians == null ? null : guardians.name(), participantId)
                .update();
        audit.record(currentActor.get().username(), "CONSENT", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, "child=" + child + ", guardians=" + guardians);
    }

    /**
     * Assigns an interviewer. Refused, with the reason, when the interviewer has a {@link Conflict}
     * with the child (is or has been the case worker, knows the family), is not an interviewer in the
     * unit, or the child has not consented.
     */
    public void assign(long participantId, Long interviewerId) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        if (interviewerId == null) {
            jdbc.sql("update participant set interviewer_id = null where id = ?").param(participantId).update();
            audit.record(currentActor.get().username(), "UNASSIGN", "participant", participantId, round.unitId(),
                    AuditLog.Outcome.SUCCESS, null);
            return;
        }
        var interviewer = organization.staffOfUnit(round.unitId(), Role.INTERVIEWER).stream()
                .filter(s -> s.id() == interviewerId).findFirst()
                .orElseThrow(() -> new InvalidInputException("interviewerId", "participant.assign.notInterviewer"));
        var conflict = conflicts.between(participant, interviewerId);
        if (conflict.isPresent()) {
            audit.record(currentActor.get().username(), "ASSIGN", "participant", participantId, round.unitId(),
                    AuditLog.Outcome.DENIED, "conflict " + conflict.get() + ": " + interviewer.username());
            throw new InvalidInputException("interviewerId", conflict.get().messageKey(),
                    interviewer.displayName(), participant.pseudonym());
        }
        if (participant.consent() != ConsentStatus.CONSENTED) {
            throw new InvalidInputException("interviewerId", "participant.assign.noConsent", participant.pseudonym());
        }
        jdbc.sql("update participant set interviewer_id = ? where id = ?").params(interviewerId, participantId).update();
        audit.record(currentActor.get().username(), "ASSIGN", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, "interviewer=" + interviewer.username());
    }

    /** Interviewers of the round's unit, for the assignment picker. */
    @Transactional(readOnly = true)
    public List<StaffMember> interviewers(long roundId) {
        return organization.staffOfUnit(rounds.get(roundId).unitId(), Role.INTERVIEWER);
    }

    // -------------------------------------------------------------------------------------------

    private void writeKeyEntry(long roundId, long participantId, KeyListEntry entry) {
        var json = serialize(entry);
        jdbc.sql("""
                insert into key_list_entry (participant_id, ciphertext) values (?, ?)
                on conflict (participant_id) do update set ciphertext = excluded.ciphertext""")
                .params(participantId, keys.encrypt(roundId, json, keyContext(participantId))).update();
    }

    private static String keyContext(long participantId) {
        return "key-list:" + participantId;
    }

    // A tiny fixed format (two lines) rather than JSON: the entry has exactly two fields.
    private static String serialize(KeyListEntry entry) {
        return entry.firstName().replace("\n", " ") + "\n" + (entry.contact() == null ? "" : entry.contact());
    }

    private static KeyListEntry parse(String text) {
        var split = text.indexOf('\n');
        var contact = text.substring(split + 1);
        return new KeyListEntry(text.substring(0, split), contact.isEmpty() ? null : contact);
    }

    private List<Participant> load(String where, Object... params) {
        var rows = jdbc.sql("""
                select p.*, s.display_name as interviewer_name from participant p
                left join staff s on s.id = p.interviewer_id
                """ + where)
                .params(params).query(ParticipantService::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        var ids = rows.stream().map(Participant::id).toList();
        var caseWorkers = new HashMap<Long, List<CaseWorker>>();
        jdbc.sql("""
                select c.participant_id, c.staff_id, c.current, s.display_name from participant_case_worker c
                join staff s on s.id = c.staff_id where c.participant_id in (:ids) order by c.current desc, s.display_name""")
                .param("ids", ids)
                .query(rs -> {
                    caseWorkers.computeIfAbsent(rs.getLong("participant_id"), k -> new ArrayList<>())
                            .add(new CaseWorker(rs.getLong("staff_id"), rs.getString("display_name"), rs.getBoolean("current")));
                });
        return rows.stream().map(p -> new Participant(p.id(), p.roundId(), p.pseudonym(), p.age(), p.gender(), p.language(),
                p.contactType(), p.childAnswer(),
                p.guardianAnswer(), p.interviewerId(), p.interviewerName(), List.copyOf(caseWorkers.getOrDefault(p.id(), List.of()))))
                .toList();
    }

    private static Participant row(ResultSet rs, int n) throws SQLException {
        return new Participant(rs.getLong("id"), rs.getLong("round_id"), rs.getString("pseudonym"), rs.getInt("age"),
                rs.getString("gender") == null ? null : Gender.valueOf(rs.getString("gender")),
                rs.getString("language"),
                rs.getString("contact_type") == null ? null : ContactType.valueOf(rs.getString("contact_type")),
                rs.getString("child_answer") == null ? null : ChildAnswer.valueOf(rs.getString("child_answer")),
                rs.getString("guardian_answer") == null ? null : GuardianAnswer.valueOf(rs.getString("guardian_answer")),
                (Long) rs.getObject("interviewer_id"), rs.getString("interviewer_name"), List.of());
    }
}
