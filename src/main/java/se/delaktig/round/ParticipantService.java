package se.delaktig.round;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Municipality;
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

    /**
     * What the process lead types to add a child. Case workers are staff ids; {@code guardians} is how
     * many guardians are to answer the invitation (0–2, two when not given).
     */
    public record NewParticipant(Integer age, Gender gender, String language, ContactType contactType, String firstName,
                                 String contact, Collection<Long> currentCaseWorkers, Collection<Long> formerCaseWorkers,
                                 Integer guardians) {

        /** A child with two guardians to answer. */
        public NewParticipant(Integer age, Gender gender, String language, ContactType contactType, String firstName,
                              String contact, Collection<Long> currentCaseWorkers, Collection<Long> formerCaseWorkers) {
            this(age, gender, language, contactType, firstName, contact, currentCaseWorkers, formerCaseWorkers, null);
        }

        /** A Swedish-speaking child whose type of contact is not recorded. */
        public NewParticipant(Integer age, Gender gender, String firstName, String contact,
                              Collection<Long> currentCaseWorkers, Collection<Long> formerCaseWorkers) {
            this(age, gender, "sv", null, firstName, contact, currentCaseWorkers, formerCaseWorkers, null);
        }
    }

    /** Longest reason for a no or a withdrawal. */
    public static final int MAX_REASON = 1000;

    /** The default number of guardians who answer for a child (joint custody). */
    public static final int DEFAULT_GUARDIANS = 2;

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final CurrentActor currentActor;
    private final Organization organization;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final Conflicts conflicts;
    private final ApplicationEventPublisher events;
    private final ConsentAfterInterview afterInterview;

    ParticipantService(JdbcClient jdbc, RoundService rounds, CurrentActor currentActor, Organization organization,
                       RoundKeys keys, AuditLog audit, Conflicts conflicts, ApplicationEventPublisher events,
                       ConsentAfterInterview afterInterview) {
        this.afterInterview = afterInterview;
        this.conflicts = conflicts;
        this.events = events;
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

    /**
     * The child's interviewer, pseudonym and age, for an access check by a module that has already
     * checked the round (through {@link RoundService#get}): one query, no audit entry of its own, since
     * the caller audits what it then does. A 404 when there is no such child.
     */
    @Transactional(readOnly = true)
    public ParticipantAssignment assignment(long participantId) {
        return jdbc.sql("select id, round_id, pseudonym, age, interviewer_id from participant where id = ?")
                .param(participantId)
                .query((rs, n) -> new ParticipantAssignment(rs.getLong("id"), rs.getLong("round_id"), rs.getString("pseudonym"),
                        rs.getInt("age"), (Long) rs.getObject("interviewer_id", Long.class)))
                .optional().orElseThrow(NotFoundException::new);
    }

    /** The interviews assigned to the current person, across their rounds. */
    @Transactional(readOnly = true)
    public List<Participant> assignedToMe() {
        return load("where p.interviewer_id = ? order by p.round_id desc, p.pseudonym", currentActor.get().staffId());
    }

    public Participant add(long roundId, NewParticipant input) {
        var round = rounds.getManaged(roundId);
        rounds.requireOpen(round);
        var unitStaff = organization.staffOfUnit(round.unitId()).stream().map(StaffMember::id).toList();
        var problems = problems(input, unitStaff);
        if (!problems.isEmpty()) {
            // One problem is named here (the API, the one-child form): an identity number above all, whatever
            // else is wrong.
            throw problems.stream().filter(p -> "privacy.identityNumber".equals(p.messageKey())).findFirst()
                    .orElse(problems.get(0));
        }
        var language = language(input);
        var guardians = input.guardians() == null ? DEFAULT_GUARDIANS : input.guardians();
        var current = new LinkedHashSet<>(input.currentCaseWorkers() == null ? List.<Long>of() : input.currentCaseWorkers());
        var former = new LinkedHashSet<>(input.formerCaseWorkers() == null ? List.<Long>of() : input.formerCaseWorkers());
        former.removeAll(current);
        // Lock the round so that two process leads adding at once cannot get the same pseudonym.
        jdbc.sql("select id from round where id = ? for update").param(roundId).query(Long.class).single();
        var next = jdbc.sql("select coalesce(max(substring(pseudonym from 2)::int), 0) + 1 from participant where round_id = ?")
                .param(roundId).query(Integer.class).single();
        var pseudonym = String.format("B%02d", next);
        var id = jdbc.sql("""
                insert into participant (round_id, pseudonym, age, gender, language, contact_type, guardians)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(roundId, pseudonym, input.age(), input.gender() == null ? null : input.gender().name(), language,
                        input.contactType() == null ? null : input.contactType().name(), guardians)
                .query(Long.class).single();
        insertEvent(id, ConsentEvent.Kind.INVITED, null, null, null);
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
     * Adds several children at once, in the order given, or none: every row is checked first, and if
     * any row breaks a rule nothing is added and {@link InvalidRowsException} names every problem of
     * every row. All or nothing because the form comes back with what was typed: had the valid rows
     * been added, sending the corrected form again would add those children a second time.
     */
    public List<Participant> addAll(long roundId, List<NewParticipant> inputs) {
        var problems = check(roundId, inputs);
        if (!problems.isEmpty()) {
            throw new InvalidRowsException(problems);
        }
        var added = new ArrayList<Participant>();
        for (var input : inputs) {
            added.add(add(roundId, input));
        }
        return added;
    }

    /**
     * The problems of each row (by position, from 0) that {@link #addAll} would refuse, at most one
     * per field; empty when all rows can be added. Checks nothing is stored, so it reads no child data.
     */
    @Transactional(readOnly = true)
    public Map<Integer, List<InvalidInputException>> check(long roundId, List<NewParticipant> inputs) {
        var round = rounds.getManaged(roundId);
        rounds.requireOpen(round);
        var result = new LinkedHashMap<Integer, List<InvalidInputException>>();
        if (inputs.isEmpty()) {
            result.put(0, List.of(new InvalidInputException("firstName", "participant.rows.none")));
            return result;
        }
        if (inputs.size() > MAX_ROWS) {
            result.put(0, List.of(new InvalidInputException("firstName", "participant.rows.tooMany", MAX_ROWS)));
            return result;
        }
        var unitStaff = organization.staffOfUnit(round.unitId()).stream().map(StaffMember::id).toList();
        for (int i = 0; i < inputs.size(); i++) {
            var problems = problems(inputs.get(i), unitStaff);
            if (!problems.isEmpty()) {
                result.put(i, problems);
            }
        }
        return result;
    }

    /** Most children {@link #addAll} takes at once: a round's largest target. */
    public static final int MAX_ROWS = 200;

    /**
     * Every rule a new child breaks, at most one per field, in the order the single form shows its
     * fields. The one place these rules live, for one child and for many.
     */
    private static List<InvalidInputException> problems(NewParticipant input, List<Long> unitStaff) {
        var problems = new ArrayList<InvalidInputException>();
        if (input.age() == null) {
            problems.add(new InvalidInputException("age", "participant.age.required"));
        } else if (input.age() < 4 || input.age() > 20) {
            problems.add(new InvalidInputException("age", "participant.age.range"));
        }
        if (!language(input).matches("[a-z]{2,3}")) {
            problems.add(new InvalidInputException("language", "participant.language.invalid"));
        }
        var guardians = input.guardians() == null ? DEFAULT_GUARDIANS : input.guardians();
        if (guardians < 0 || guardians > 2) {
            problems.add(new InvalidInputException("guardians", "consent.guardians.range"));
        }
        if (input.firstName() == null || input.firstName().isBlank()) {
            problems.add(new InvalidInputException("firstName", "participant.firstName.required"));
        } else if (input.firstName().length() > 60) {
            problems.add(new InvalidInputException("firstName", "participant.firstName.tooLong"));
        } else if (IdentityNumbers.containsIdentityNumber(input.firstName())) {
            problems.add(new InvalidInputException("firstName", "privacy.identityNumber"));
        }
        if (input.contact() != null && input.contact().length() > 500) {
            problems.add(new InvalidInputException("contact", "participant.contact.tooLong"));
        } else if (IdentityNumbers.containsIdentityNumber(input.contact())) {
            problems.add(new InvalidInputException("contact", "privacy.identityNumber"));
        }
        var current = input.currentCaseWorkers() == null ? List.<Long>of() : input.currentCaseWorkers();
        var former = input.formerCaseWorkers() == null ? List.<Long>of() : input.formerCaseWorkers();
        if (!unitStaff.containsAll(current)) {
            problems.add(new InvalidInputException("currentCaseWorkers", "participant.caseWorker.unknown"));
        }
        if (!unitStaff.containsAll(former.stream().filter(id -> !current.contains(id)).toList())) {
            problems.add(new InvalidInputException("formerCaseWorkers", "participant.caseWorker.unknown"));
        }
        return problems;
    }

    private static String language(NewParticipant input) {
        return input.language() == null || input.language().isBlank() ? "sv" : input.language().trim().toLowerCase();
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
        return ciphertext.map(c -> parse(keys.decryptIdentity(round.id(), c, keyContext(participantId))))
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
                    result.put(pid, parse(keys.decryptIdentity(round.id(), rs.getBytes(2), keyContext(pid))));
                });
        audit.success("READ_KEY_LIST", "round", roundId, round.unitId());
        return result;
    }

    /**
     * The first names the current person may read, for the de-identification check of quotes: the
     * whole key list for the round's process lead, the names of their own assigned children for an
     * interviewer, none for the unit manager. A check must never compare against a name its user may
     * not read, or it becomes a way to ask the key list whether a name is on it. Every use is logged
     * as a key-list read; anyone outside the round's unit gets a 404.
     */
    @Transactional(readOnly = true)
    public List<String> firstNamesForDeidentification(long roundId) {
        var round = rounds.get(roundId);
        var actor = currentActor.get();
        if (!actor.hasAny(round.unitId(), Role.PROCESS_LEAD, Role.INTERVIEWER, Role.UNIT_MANAGER)) {
            audit.record("READ_KEY_LIST", "round", roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        var whole = actor.has(round.unitId(), Role.PROCESS_LEAD);
        var names = new java.util.TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        readableNames(round, whole).forEach(c -> names.add(c.firstName()));
        audit.record(actor.username(), "READ_KEY_LIST", "round", roundId, round.unitId(),
                AuditLog.Outcome.SUCCESS, whole ? "de-identification check" : "de-identification check, own children");
        return List.copyOf(names);
    }

    /** A child of the key list with the first name, as the check of free text needs it. */
    public record NamedChild(long participantId, String pseudonym, String firstName) {
    }

    /**
     * The first names of the children of the round assigned to the current person, for the check of
     * their own interview's free text. Logged as a key-list read.
     */
    @Transactional(readOnly = true)
    public List<NamedChild> myChildrenNamed(long roundId) {
        var round = rounds.get(roundId);
        var list = readableNames(round, false);
        if (!list.isEmpty()) {
            audit.record(currentActor.get().username(), "READ_KEY_LIST", "round", roundId, round.unitId(),
                    AuditLog.Outcome.SUCCESS, "name check of own interviews");
        }
        return list;
    }

    /**
     * Every child of the round with the first name, for the process lead's review of the interviews'
     * free text before the unit may read them; a 404 for everyone else. Logged as a key-list read.
     */
    @Transactional(readOnly = true)
    public List<NamedChild> allChildrenNamed(long roundId) {
        var round = rounds.getManaged(roundId);
        var list = readableNames(round, true);
        audit.record(currentActor.get().username(), "READ_KEY_LIST", "round", roundId, round.unitId(),
                AuditLog.Outcome.SUCCESS, "name review of interviews");
        return list;
    }

    /** The key list's first names: all of them, or those of the current person's assigned children. */
    private List<NamedChild> readableNames(Round round, boolean whole) {
        var staffId = currentActor.get().staffId();
        var result = new ArrayList<NamedChild>();
        jdbc.sql("""
                select k.participant_id, k.ciphertext, p.pseudonym, p.interviewer_id from key_list_entry k
                join participant p on p.id = k.participant_id where p.round_id = ? order by p.pseudonym""")
                .param(round.id())
                .query(rs -> {
                    var interviewer = rs.getObject(4);
                    if (!whole && (interviewer == null || ((Number) interviewer).longValue() != staffId)) {
                        return;
                    }
                    var pid = rs.getLong(1);
                    var firstName = parse(keys.decryptIdentity(round.id(), rs.getBytes(2), keyContext(pid))).firstName();
                    if (firstName != null && !firstName.isBlank()) {
                        result.add(new NamedChild(pid, rs.getString(3), firstName.strip()));
                    }
                });
        return List.copyOf(result);
    }

    /**
     * The child's answer and the guardians' answer in one go, as the first version of the consent form
     * had it: {@code CONSENTED} or {@code DECLINED} is recorded for every guardian who is to answer,
     * {@code NOT_NEEDED} is accepted only from the age of own consent (or when no guardian is to
     * answer). Only answers that differ from the latest ones are added to the history.
     */
    public void recordConsent(long participantId, ChildAnswer child, GuardianAnswer guardians) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var ownConsentAge = ownConsentAge(participant.roundId());
        if (guardians == GuardianAnswer.NOT_NEEDED && participant.age() < ownConsentAge && participant.guardians() > 0) {
            throw new InvalidInputException("guardianAnswer", "participant.consent.guardiansNeeded", ownConsentAge);
        }
        var answers = new EnumMap<ConsentParty, ChildAnswer>(ConsentParty.class);
        if (child != null) {
            answers.put(ConsentParty.CHILD, child);
        }
        if (guardians == GuardianAnswer.CONSENTED || guardians == GuardianAnswer.DECLINED) {
            participant.parties().stream().filter(ConsentParty::isGuardian)
                    .forEach(p -> answers.put(p, guardians == GuardianAnswer.CONSENTED ? ChildAnswer.YES : ChildAnswer.NO));
        }
        recordAnswers(participantId, answers, null);
    }

    /** One party's answer; see {@link #recordAnswers}. */
    public ConsentState recordAnswer(long participantId, ConsentParty party, ChildAnswer answer, String reason) {
        var answers = new EnumMap<ConsentParty, ChildAnswer>(ConsentParty.class);
        answers.put(party, answer);
        return recordAnswers(participantId, answers, reason);
    }

    /**
     * Adds the answers that differ from each party's latest answer to the consent history and returns
     * the resulting state. A reason may accompany a no (it is encrypted and must not contain an
     * identity number). Answers are refused after a withdrawal, and for a guardian the child does not
     * have.
     */
    public ConsentState recordAnswers(long participantId, Map<ConsentParty, ChildAnswer> answers, String reason) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
        if (participant.consentState() == ConsentState.WITHDRAWN) {
            throw new InvalidInputException("child", "consent.withdrawn.final", participant.pseudonym());
        }
        for (var party : answers.keySet()) {
            if (answers.get(party) != null && !participant.parties().contains(party)) {
                throw new InvalidInputException(field(party), "consent.party.notExpected", participant.guardians());
            }
        }
        var cleanReason = reason(reason);
        var previous = history(participantId, false);
        var latest = ConsentRule.latestAnswers(previous);
        var changed = new LinkedHashMap<ConsentParty, ChildAnswer>();
        for (var party : ConsentParty.values()) {
            var answer = answers.get(party);
            if (answer != null && answer != latest.get(party)) {
                changed.put(party, answer);
            }
        }
        if (cleanReason != null && !changed.containsValue(ChildAnswer.NO)) {
            throw new InvalidInputException("reason", "consent.reason.onlyForNo");
        }
        afterInterview.refuseEndingConsent(participant, ownConsentAge(participant.roundId()), previous, changed);
        for (var e : changed.entrySet()) {
            var withReason = e.getValue() == ChildAnswer.NO ? cleanReason : null;
            insertEvent(participantId, ConsentEvent.Kind.ANSWER, e.getKey(), e.getValue(),
                    withReason == null ? null : keys.encrypt(round.id(), withReason, reasonContext(participantId)));
        }
        var state = load("where p.id = ?", participantId).get(0).consentState();
        audit.record(currentActor.get().username(), "CONSENT", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, changed + " -> " + state);
        return state;
    }

    /** How many guardians are to answer for the child: 0, 1 or 2. */
    public void setGuardians(long participantId, Integer guardians) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
        if (guardians == null || guardians < 0 || guardians > 2) {
            throw new InvalidInputException("guardians", "consent.guardians.range");
        }
        if (participant.consentState() == ConsentState.WITHDRAWN) {
            throw new InvalidInputException("guardians", "consent.withdrawn.final", participant.pseudonym());
        }
        jdbc.sql("update participant set guardians = ? where id = ?").params(guardians, participantId).update();
        audit.record(currentActor.get().username(), "SET_GUARDIANS", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, participant.guardians() + " -> " + guardians);
    }

    /**
     * Records that the child or a guardian withdraws consent. Possible at any time and final: the
     * interviewer assignment is removed, and {@link ConsentWithdrawn} is published in this transaction
     * so that the interview module removes the child's answers from the round.
     */
    public void withdraw(long participantId, ConsentParty party, String reason) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
        if (participant.consentState() == ConsentState.WITHDRAWN) {
            throw new InvalidInputException("withdrawalParty", "consent.withdrawn.already", participant.pseudonym());
        }
        if (party == null) {
            throw new InvalidInputException("withdrawalParty", "consent.withdrawal.partyRequired");
        }
        if (!participant.parties().contains(party)) {
            throw new InvalidInputException("withdrawalParty", "consent.party.notExpected", participant.guardians());
        }
        var cleanReason = reason(reason, "withdrawalReason");
        insertEvent(participantId, ConsentEvent.Kind.WITHDRAWAL, party, null,
                cleanReason == null ? null : keys.encrypt(round.id(), cleanReason, reasonContext(participantId)));
        jdbc.sql("update participant set interviewer_id = null where id = ?").param(participantId).update();
        audit.record(currentActor.get().username(), "WITHDRAW_CONSENT", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, "by " + party);
        events.publishEvent(new ConsentWithdrawn(round.id(), participantId));
    }

    /**
     * The child's consent history, oldest first, with the reasons decrypted. For the round's process
     * lead only (a reason is the child's or family's own words); anyone else gets a 404.
     */
    public List<ConsentEvent> history(long participantId) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        var history = history(participantId, true);
        audit.success("READ_CONSENT", "participant", participantId, round.unitId());
        return history;
    }

    /** The age from which a young person's own consent is enough, in the municipality of the round's unit. */
    @Transactional(readOnly = true)
    public int ownConsentAge(long roundId) {
        var unitId = jdbc.sql("select unit_id from round where id = ?").param(roundId).query(Long.class).optional()
                .orElseThrow(NotFoundException::new);
        return organization.unit(unitId).flatMap(u -> organization.municipality(u.municipalityId()))
                .map(Municipality::ownConsentAge).orElse(ConsentStatus.AGE_OF_OWN_CONSENT);
    }

    // letters -------------------------------------------------------------------------------------

    /** Records the day a letter went to the child or the guardians (a later date replaces an earlier one). */
    public void recordLetterSent(long participantId, LetterRecipient recipient, LocalDate sentOn) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
        if (recipient == null) {
            throw new InvalidInputException("recipient", "consent.letter.recipientRequired");
        }
        if (sentOn == null) {
            throw new InvalidInputException("sentOn", "consent.letter.sentOnRequired");
        }
        if (sentOn.isAfter(LocalDate.now(AuditLog.ZONE))) {
            throw new InvalidInputException("sentOn", "consent.letter.sentOnFuture");
        }
        jdbc.sql("""
                insert into letter_sent (participant_id, recipient, sent_on, recorded_by) values (?, ?, ?, ?)
                on conflict (participant_id, recipient) do update
                set sent_on = excluded.sent_on, recorded_by = excluded.recorded_by, recorded_at = now()""")
                .params(participantId, recipient.name(), sentOn, currentActor.get().username()).update();
        audit.record(currentActor.get().username(), "LETTER_SENT", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, recipient + " " + sentOn);
    }

    /** When the letters to the child and the guardians were sent, if they were. */
    @Transactional(readOnly = true)
    public Map<LetterRecipient, LocalDate> lettersSent(long participantId) {
        var participant = get(participantId);
        return lettersSentInRound(participant.roundId()).getOrDefault(participantId, Map.of());
    }

    /** The letters sent in a round, per participant id. */
    @Transactional(readOnly = true)
    public Map<Long, Map<LetterRecipient, LocalDate>> lettersSentInRound(long roundId) {
        rounds.get(roundId);
        var result = new HashMap<Long, Map<LetterRecipient, LocalDate>>();
        jdbc.sql("""
                select l.participant_id, l.recipient, l.sent_on from letter_sent l
                join participant p on p.id = l.participant_id where p.round_id = ?""")
                .param(roundId)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(LetterRecipient.class))
                            .put(LetterRecipient.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class));
                });
        return result;
    }

    /**
     * Assigns an interviewer. Refused, with the reason, when the interviewer has a {@link Conflict}
     * with the child (is or has been the case worker, knows the family), is not an interviewer in the
     * unit, or the child has not consented.
     */
    public void assign(long participantId, Long interviewerId) {
        var participant = load("where p.id = ?", participantId).stream().findFirst().orElseThrow(NotFoundException::new);
        var round = rounds.getManaged(participant.roundId());
        rounds.requireOpen(round);
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

    private void insertEvent(long participantId, ConsentEvent.Kind kind, ConsentParty party, ChildAnswer answer,
                             byte[] reason) {
        jdbc.sql("""
                insert into consent_event (participant_id, kind, party, answer, reason, recorded_by)
                values (?, ?, ?, ?, ?, ?)""")
                .params(participantId, kind.name(), party == null ? null : party.name(),
                        answer == null ? null : answer.name(), reason, currentActor.get().username())
                .update();
    }

    private List<ConsentEvent> history(long participantId, boolean withReasons) {
        var roundId = jdbc.sql("select round_id from participant where id = ?").param(participantId).query(Long.class).single();
        return jdbc.sql("select * from consent_event where participant_id = ? order by recorded_at, id")
                .param(participantId)
                .query((rs, n) -> event(rs, withReasons ? roundId : null))
                .list();
    }

    private ConsentEvent event(ResultSet rs, Long decryptWithRound) throws SQLException {
        var reason = rs.getBytes("reason");
        var participantId = rs.getLong("participant_id");
        return new ConsentEvent(rs.getLong("id"), participantId, ConsentEvent.Kind.valueOf(rs.getString("kind")),
                rs.getString("party") == null ? null : ConsentParty.valueOf(rs.getString("party")),
                rs.getString("answer") == null ? null : ChildAnswer.valueOf(rs.getString("answer")),
                reason == null || decryptWithRound == null ? null
                        : keys.decrypt(decryptWithRound, reason, reasonContext(participantId)),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }

    private static String reasonContext(long participantId) {
        return "consent-reason:" + participantId;
    }

    private static String reason(String reason) {
        return reason(reason, "reason");
    }

    private static String reason(String reason, String field) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        var trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON) {
            throw new InvalidInputException(field, "consent.reason.tooLong", MAX_REASON);
        }
        if (IdentityNumbers.containsIdentityNumber(trimmed)) {
            throw new InvalidInputException(field, "privacy.identityNumber");
        }
        return trimmed;
    }

    /** The form field of a party's answer. */
    public static String field(ConsentParty party) {
        return switch (party) {
            case CHILD -> "child";
            case GUARDIAN_1 -> "guardian1";
            case GUARDIAN_2 -> "guardian2";
        };
    }

    private void writeKeyEntry(long roundId, long participantId, KeyListEntry entry) {
        var json = serialize(entry);
        jdbc.sql("""
                insert into key_list_entry (participant_id, ciphertext) values (?, ?)
                on conflict (participant_id) do update set ciphertext = excluded.ciphertext""")
                .params(participantId, keys.encryptIdentity(roundId, json, keyContext(participantId))).update();
    }

    static String keyContext(long participantId) {
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
        var ids = rows.stream().map(Row::id).toList();
        var caseWorkers = new HashMap<Long, List<CaseWorker>>();
        jdbc.sql("""
                select c.participant_id, c.staff_id, c.current, s.display_name from participant_case_worker c
                join staff s on s.id = c.staff_id where c.participant_id in (:ids) order by c.current desc, s.display_name""")
                .param("ids", ids)
                .query(rs -> {
                    caseWorkers.computeIfAbsent(rs.getLong("participant_id"), k -> new ArrayList<>())
                            .add(new CaseWorker(rs.getLong("staff_id"), rs.getString("display_name"), rs.getBoolean("current")));
                });
        var histories = new HashMap<Long, List<ConsentEvent>>();
        jdbc.sql("select * from consent_event where participant_id in (:ids) order by recorded_at, id")
                .param("ids", ids)
                .query(rs -> {
                    histories.computeIfAbsent(rs.getLong("participant_id"), k -> new ArrayList<>()).add(event(rs, null));
                });
        var ownConsentAges = new HashMap<Long, Integer>();
        return rows.stream().map(p -> {
            var history = histories.getOrDefault(p.id(), List.of());
            var ownAge = ownConsentAges.computeIfAbsent(p.roundId(), this::ownConsentAge);
            var latest = ConsentRule.latestAnswers(history);
            return new Participant(p.id(), p.roundId(), p.pseudonym(), p.age(), p.gender(), p.language(),
                    p.contactType(), latest.get(ConsentParty.CHILD), guardianSummary(p.age(), ownAge, p.guardians(), latest),
                    p.interviewerId(), p.interviewerName(), List.copyOf(caseWorkers.getOrDefault(p.id(), List.of())),
                    p.guardians(), ConsentRule.state(p.age(), ownAge, p.guardians(), history));
        }).toList();
    }

    /** The guardians' answers as one: all yes, any no, not needed (own consent age or none to answer), or open. */
    private static GuardianAnswer guardianSummary(int age, int ownConsentAge, int guardians,
                                                  Map<ConsentParty, ChildAnswer> latest) {
        var parties = ConsentParty.forGuardians(guardians).stream().filter(ConsentParty::isGuardian).toList();
        if (parties.stream().anyMatch(p -> latest.get(p) == ChildAnswer.NO)) {
            return GuardianAnswer.DECLINED;
        }
        if (!parties.isEmpty() && parties.stream().allMatch(p -> latest.get(p) == ChildAnswer.YES)) {
            return GuardianAnswer.CONSENTED;
        }
        if (parties.isEmpty() || age >= ownConsentAge) {
            return GuardianAnswer.NOT_NEEDED;
        }
        return null;
    }

    private record Row(long id, long roundId, String pseudonym, int age, Gender gender, String language,
                       ContactType contactType, int guardians, Long interviewerId, String interviewerName) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("round_id"), rs.getString("pseudonym"), rs.getInt("age"),
                rs.getString("gender") == null ? null : Gender.valueOf(rs.getString("gender")),
                rs.getString("language"),
                rs.getString("contact_type") == null ? null : ContactType.valueOf(rs.getString("contact_type")),
                rs.getInt("guardians"), (Long) rs.getObject("interviewer_id"), rs.getString("interviewer_name"));
    }
}
