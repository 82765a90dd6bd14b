package se.delaktig.interview;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guide;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.organization.Role;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantAssignment;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Interviews as the assigned interviewer records them. Only the child's assigned interviewer may
 * open and change an interview; once it is complete, the process lead may read it, and the unit
 * manager and the other interviewers of the unit once the process lead has reviewed the children's
 * first names in the round's free text and opened the interviews for reading (the team reads each
 * other's interviews before the seminar). Everyone else is told it does not exist.
 *
 * <p>The interviewer's own children's first names are flagged in the free text and block
 * completion; only the process lead's review compares against the whole key list.
 *
 * <p>Saving uses the interview's version: a save based on an older version is refused rather than
 * overwriting what was saved in between. Free text is encrypted with the round's key; the
 * structured value stays plain because it is what the analysis counts.
 */
@Service
@Transactional
public class Interviews {

    public static final String NOT_STARTED = "NOT_STARTED";
    public static final String DRAFT = "DRAFT";
    public static final String COMPLETE = "COMPLETE";

    /** Longest accepted free text (child's words, notes, reflection). */
    public static final int MAX_TEXT = 10_000;

    /** Longest accepted transcript: an hour of talk runs to some 60,000 characters. */
    public static final int MAX_TRANSCRIPT = 200_000;

    /** Longest accepted duration in minutes. */
    public static final int MAX_DURATION = 600;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,3}");
    private static final String RECORD = "interview";

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final CurrentActor currentActor;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final ReadingOpenings openings;
    private final List<CodedTexts> codedTexts;

    Interviews(JdbcClient jdbc, RoundService rounds, ParticipantService participants, Guides guides,
               CurrentActor currentActor, RoundKeys keys, AuditLog audit, ReadingOpenings openings,
               List<CodedTexts> codedTexts) {
        this.openings = openings;
        this.codedTexts = codedTexts;
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.currentActor = currentActor;
        this.keys = keys;
        this.audit = audit;
    }

    /**
     * The interview of a participant, created on first opening by the assigned interviewer. A reader
     * of the unit (see class comment) gets the completed interview; anyone else a 404.
     */
    public InterviewView open(long participantId) {
        var participant = participants.get(participantId);
        var round = rounds.get(participant.roundId());
        var actor = currentActor.get();
        var existing = findByParticipant(participantId);
        if (!isAssigned(participant, actor)) {
            if (existing.isPresent()) {
                return get(existing.get().id());
            }
            log("OPEN", "participant:" + participantId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        if (existing.isEmpty()) {
            requireOpenStage(round);
            // "on conflict do nothing": two tabs opening at once must not create two interviews.
            jdbc.sql("""
                    insert into interview (round_id, participant_id, interviewer_id) values (?, ?, ?)
                    on conflict (participant_id) do nothing""")
                    .params(round.id(), participantId, actor.staffId()).update();
            existing = findByParticipant(participantId);
            log("CREATE", existing.orElseThrow().id(), round.unitId(), AuditLog.Outcome.SUCCESS);
        }
        return get(existing.orElseThrow().id());
    }

    /**
     * The interview, for the assigned interviewer or, once complete, the process lead and, after the
     * process lead opened the round's interviews for reading, the unit's manager and interviewers.
     * Not a read-only transaction: the read is written to the audit log.
     */
    public InterviewView get(long interviewId) {
        var access = access(interviewId);
        var mayRead = access.assigned() || (access.isComplete() && mayReadOthers(access.round(), access.actor()));
        if (!mayRead) {
            throw denied(access, "READ");
        }
        log("READ", interviewId, access.round().unitId(), AuditLog.Outcome.SUCCESS);
        return view(access);
    }

    /**
     * Saves the answers and free notes as a draft. The answers replace what was saved before: a
     * question missing from {@code answers} has no answer afterwards. Duration, the child's view of
     * the interview and the transcript are emptied; use {@link #save(long, int, InterviewDraft)} to
     * record them.
     */
    public InterviewView save(long interviewId, int expectedVersion, List<AnswerInput> answers, String notes) {
        return save(interviewId, expectedVersion, InterviewDraft.of(answers, notes));
    }

    /**
     * Saves the whole draft: answers, free notes, duration, how the child found being interviewed and
     * the transcript. What is left out is empty afterwards.
     *
     * @throws InvalidInputException on a stale version ({@code interview.conflict}), a completed
     *                               interview or a round past its interviews
     * @throws InvalidAnswersException naming every rejected field
     */
    public InterviewView save(long interviewId, int expectedVersion, InterviewDraft draft) {
        var access = writable(interviewId, "SAVE");
        store(access, expectedVersion, draft);
        return view(reload(access));
    }

    /** A draft saved in the background: the version it now has and when it was saved. */
    public record DraftSaved(long interviewId, int version, java.time.Instant savedAt) {
    }

    /**
     * Saves the whole draft as {@link #save(long, int, InterviewDraft)} does, with the same checks and
     * audit entry, but answers with the new version only instead of reading the interview back: the
     * page that saves in the background already shows what it sent.
     */
    public DraftSaved saveDraft(long interviewId, int expectedVersion, InterviewDraft draft) {
        return store(writable(interviewId, "SAVE"), expectedVersion, draft);
    }

    private DraftSaved store(Access access, int expectedVersion, InterviewDraft draft) {
        var interviewId = access.row().id();
        requireDraft(access);
        requireVersion(access, expectedVersion);
        var guide = guides.find(access.round().guideId()).orElseThrow();
        var cleaned = validate(guide, draft == null ? InterviewDraft.of(List.of(), null) : draft);
        var roundId = access.round().id();
        var saved = jdbc.sql("""
                update interview set notes = ?, duration_minutes = ?, child_experience = ?, child_experience_words = ?,
                       transcript = ?, interviewer_id = ?, updated_at = now(), version = version + 1
                where id = ? and version = ? and status = 'DRAFT'
                returning version, updated_at""")
                .params(keys.encrypt(roundId, cleaned.notes(), notesContext(interviewId)), cleaned.duration(),
                        cleaned.experience(),
                        keys.encrypt(roundId, cleaned.experienceWords(), columnContext(interviewId, "child_experience_words")),
                        keys.encrypt(roundId, cleaned.transcript(), columnContext(interviewId, "transcript")),
                        access.actor().staffId(), interviewId, expectedVersion)
                .query((rs, n) -> new DraftSaved(interviewId, rs.getInt("version"),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional()
                .orElseThrow(() -> new InvalidInputException("version", "interview.conflict"));
        jdbc.sql("delete from answer where interview_id = ?").param(interviewId).update();
        for (var answer : cleaned.answers()) {
            jdbc.sql("insert into answer (interview_id, question_id, value, child_words, notes) values (?, ?, ?, ?, ?)")
                    .params(interviewId, answer.questionId(), answer.value(),
                            keys.encrypt(roundId, answer.childWords(), wordsContext(interviewId, answer.questionId())),
                            keys.encrypt(roundId, answer.notes(), answerNotesContext(interviewId, answer.questionId())))
                    .update();
        }
        log("SAVE", interviewId, access.round().unitId(), AuditLog.Outcome.SUCCESS);
        return saved;
    }

    /**
     * Marks the interview complete; it is read-only until reopened. Refused while the first name of
     * one of the interviewer's own children stands in any free text, the reflection included: the
     * whole unit reads completed interviews.
     *
     * @throws InvalidAnswersException {@code namecheck.interview.nameLeft} for every field with a name
     */
    public InterviewView complete(long interviewId, int expectedVersion) {
        var access = writable(interviewId, "COMPLETE");
        requireDraft(access);
        requireVersion(access, expectedVersion);
        var stored = view(access);
        var names = FreeTexts.find(FreeTexts.of(FreeTexts.draftOf(stored), stored.reflection()),
                participants.myChildrenNamed(access.round().id()));
        if (!names.isEmpty()) {
            throw namesLeft(access.round(), names, "namecheck.interview.nameLeft");
        }
        var updated = jdbc.sql("""
                update interview set status = 'COMPLETE', completed_at = now(), updated_at = now(), version = version + 1
                where id = ? and version = ? and status = 'DRAFT'""")
                .params(interviewId, expectedVersion).update();
        if (updated == 0) {
            throw new InvalidInputException("version", "interview.conflict");
        }
        log("COMPLETE", interviewId, access.round().unitId(), AuditLog.Outcome.SUCCESS);
        return view(reload(access));
    }

    /** Makes a completed interview a draft again, for the assigned interviewer or the process lead. */
    public InterviewView reopen(long interviewId) {
        var access = access(interviewId);
        if (!mayReopen(access)) {
            throw denied(access, "REOPEN");
        }
        requireOpenStage(access.round());
        if (!access.isComplete()) {
            throw new InvalidInputException("status", "interview.notComplete");
        }
        jdbc.sql("""
                update interview set status = 'DRAFT', completed_at = null, updated_at = now(), version = version + 1
                where id = ?""").param(interviewId).update();
        log("REOPEN", interviewId, access.round().unitId(), AuditLog.Outcome.SUCCESS);
        return view(reload(access));
    }

    /** What the current person may do with the interview, for showing only the buttons that work. */
    @Transactional(readOnly = true)
    public InterviewPermissions permissions(InterviewView interview) {
        var round = rounds.get(interview.roundId());
        var actor = currentActor.get();
        var open = Stage.ANALYSIS.isAfter(round.stage());
        var assigned = assignedToMe(interview.participantId());
        return new InterviewPermissions(assigned,
                open && interview.complete() && (assigned || actor.has(round.unitId(), Role.PROCESS_LEAD)),
                open && assigned);
    }

    /**
     * The child's first name from the key list, for the assigned interviewer to book the meeting;
     * empty for everyone else and once the round is closed. Reading it is audited by the key list.
     * Runs in a read-write transaction because the audit entry is written inside it.
     */
    public Optional<String> childFirstName(InterviewView interview) {
        var round = rounds.get(interview.roundId());
        if (round.stage() == Stage.CLOSED || !assignedToMe(interview.participantId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(participants.keyEntry(interview.participantId()).firstName());
    }

    /** The reflection as one free text, kept as "anything else" (the first version of the form had only this). */
    public InterviewView saveReflection(long interviewId, String reflection) {
        return saveReflection(interviewId, new Reflection(null, null, null, reflection));
    }

    /**
     * The interviewer's own reflection on listening to the child. It may be written before or after
     * the interview is complete, and does not change the interview's version, so it never conflicts
     * with a save of the answers in another tab.
     */
    public InterviewView saveReflection(long interviewId, Reflection reflection) {
        var access = writable(interviewId, "REFLECTION");
        var given = reflection == null ? Reflection.EMPTY : reflection;
        var cleaned = new Reflection(freeText(given.learnt()), freeText(given.surprised()), freeText(given.change()),
                freeText(given.other()));
        var problems = new ArrayList<InvalidAnswersException.Problem>();
        checkText(cleaned.learnt(), "reflection.learnt", problems);
        checkText(cleaned.surprised(), "reflection.surprised", problems);
        checkText(cleaned.change(), "reflection.change", problems);
        checkText(cleaned.other(), "reflection", problems);
        if (!problems.isEmpty()) {
            throw new InvalidAnswersException(problems);
        }
        if (access.isComplete()) {
            // A completed interview is read by the unit: its reflection may not bring a child's name in.
            var names = FreeTexts.find(FreeTexts.of(null, cleaned), participants.myChildrenNamed(access.round().id()));
            if (!names.isEmpty()) {
                throw namesLeft(access.round(), names, "namecheck.reflection.nameLeft");
            }
        }
        var roundId = access.round().id();
        jdbc.sql("""
                update interview set reflection = ?, reflection_learnt = ?, reflection_surprised = ?, reflection_change = ?,
                       updated_at = now() where id = ?""")
                .params(keys.encrypt(roundId, cleaned.other(), reflectionContext(interviewId)),
                        keys.encrypt(roundId, cleaned.learnt(), columnContext(interviewId, "reflection_learnt")),
                        keys.encrypt(roundId, cleaned.surprised(), columnContext(interviewId, "reflection_surprised")),
                        keys.encrypt(roundId, cleaned.change(), columnContext(interviewId, "reflection_change")),
                        interviewId).update();
        log("REFLECTION", interviewId, access.round().unitId(), AuditLog.Outcome.SUCCESS);
        return view(reload(access));
    }

    /**
     * The child's first name for the thank-you diploma, for the assigned interviewer and the round's
     * process lead; a 404 for everyone else and once the round is closed (the key list is gone).
     * Read through the key list, which writes the read to the audit log.
     */
    public DiplomaName diplomaName(long interviewId) {
        var access = access(interviewId);
        if (!mayReopen(access)) {
            throw denied(access, "DIPLOMA");
        }
        if (access.round().stage() == Stage.CLOSED) {
            throw new NotFoundException();
        }
        var name = participants.keyEntry(access.row().participantId()).firstName();
        if (name == null || name.isBlank()) {
            throw new NotFoundException();
        }
        return new DiplomaName(name, access.round().unitId());
    }

    /** The child's first name for the diploma, and the unit the export is audited under. */
    public record DiplomaName(String firstName, long unitId) {
    }

    /** The children assigned to the current person, newest round first, with the interview's status. */
    @Transactional(readOnly = true)
    public List<MyInterview> mine() {
        var assigned = participants.assignedToMe();
        if (assigned.isEmpty()) {
            return List.of();
        }
        var rows = new HashMap<Long, Row>();
        jdbc.sql("select * from interview where participant_id in (:ids)")
                .param("ids", assigned.stream().map(Participant::id).toList())
                .query(Interviews::row).list()
                .forEach(r -> rows.put(r.participantId(), r));
        var roundsById = new HashMap<Long, Optional<Round>>();
        var result = new ArrayList<MyInterview>();
        for (var p : assigned) {
            // A round the person no longer belongs to (role revoked) is left out, not an error.
            var round = roundsById.computeIfAbsent(p.roundId(), this::visibleRound);
            if (round.isEmpty()) {
                continue;
            }
            var row = rows.get(p.id());
            result.add(new MyInterview(p.id(), p.roundId(), round.get().title(), p.pseudonym(), p.age(),
                    row == null ? null : row.id(), row == null ? NOT_STARTED : row.status(),
                    row == null ? null : row.updatedAt()));
        }
        return result;
    }

    /**
     * The free text of the round's completed interviews, for coding: the child's words and notes per
     * question, the free notes, the child's words about the interview, the transcript and the parts of
     * the reflection. Only for the process lead, unit manager and interviewers of the round's unit
     * (those who may read completed interviews); a 404 for everyone else. Each interview read is
     * audited. Ordered by pseudonym, then by place in the guide.
     */
    public List<CodableText> textsForCoding(long roundId) {
        var round = rounds.get(roundId);
        var actor = currentActor.get();
        if (!actor.hasAny(round.unitId(), Role.PROCESS_LEAD, Role.UNIT_MANAGER, Role.INTERVIEWER)) {
            log("READ_FOR_CODING", "round:" + roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        var guide = guides.find(round.guideId()).orElseThrow();
        var order = new HashMap<Long, Integer>();
        guide.questions().forEach(q -> order.put(q.id(), order.size()));
        var others = mayReadOthers(round, actor);
        var rows = jdbc.sql("select * from interview where round_id = ? and status = 'COMPLETE'").param(roundId)
                .query(Interviews::row).list().stream()
                .filter(r -> others || isAssigned(participants.get(r.participantId()), actor)).toList();
        var result = new ArrayList<CodableText>();
        var byPseudonym = new java.util.TreeMap<String, List<CodableText>>();
        for (var row : rows) {
            var participant = participants.get(row.participantId());
            var texts = new ArrayList<CodableText>();
            var id = row.id();
            var pseudonym = participant.pseudonym();
            var answers = new ArrayList<Object[]>();
            jdbc.sql("select question_id, child_words, notes from answer where interview_id = ?").param(id)
                    .query(rs -> {
                        answers.add(new Object[] {rs.getLong(1), rs.getBytes(2), rs.getBytes(3)});
                    });
            answers.sort(java.util.Comparator.comparing(a -> order.getOrDefault((Long) a[0], Integer.MAX_VALUE)));
            for (var a : answers) {
                var questionId = (Long) a[0];
                add(texts, id, row.participantId(), pseudonym, CodableText.Kind.CHILD_WORDS, questionId, null,
                        keys.decrypt(roundId, (byte[]) a[1], wordsContext(id, questionId)));
                add(texts, id, row.participantId(), pseudonym, CodableText.Kind.NOTES, questionId, null,
                        keys.decrypt(roundId, (byte[]) a[2], answerNotesContext(id, questionId)));
            }
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.CHILD_WORDS, null, null,
                    keys.decrypt(roundId, row.experienceWords(), columnContext(id, "child_experience_words")));
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.NOTES, null, null,
                    keys.decrypt(roundId, row.notes(), notesContext(id)));
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.TRANSCRIPT, null, null,
                    keys.decrypt(roundId, row.transcript(), columnContext(id, "transcript")));
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.REFLECTION, null, "learnt",
                    keys.decrypt(roundId, row.learnt(), columnContext(id, "reflection_learnt")));
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.REFLECTION, null, "surprised",
                    keys.decrypt(roundId, row.surprised(), columnContext(id, "reflection_surprised")));
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.REFLECTION, null, "change",
                    keys.decrypt(roundId, row.change(), columnContext(id, "reflection_change")));
            add(texts, id, row.participantId(), pseudonym, CodableText.Kind.REFLECTION, null, "other",
                    keys.decrypt(roundId, row.reflection(), reflectionContext(id)));
            log("READ_FOR_CODING", id, round.unitId(), AuditLog.Outcome.SUCCESS);
            byPseudonym.computeIfAbsent(pseudonym + "#" + id, k -> new ArrayList<>()).addAll(texts);
        }
        byPseudonym.values().forEach(result::addAll);
        return result;
    }

    private static void add(List<CodableText> texts, long interviewId, long participantId, String pseudonym,
                            CodableText.Kind kind, Long questionId, String part, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        // The browser turns \r\n into \n; offsets are counted on what it shows.
        var normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        texts.add(new CodableText(interviewId, participantId, pseudonym, kind, questionId, part, normalised));
    }


    // ---- Children's first names in the free text ----------------------------------------------

    /**
     * The first names of the interviewer's own children in the given texts of the interview: the
     * form as typed ({@code draft}) and the reflection, either of which may be null. Empty for anyone
     * but the assigned interviewer, who may read those names anyway.
     */
    public List<NameFinding> childNamesIn(long interviewId, InterviewDraft draft, Reflection reflection) {
        var access = access(interviewId);
        if (!access.assigned()) {
            return List.of();
        }
        return FreeTexts.find(FreeTexts.of(draft, reflection), participants.myChildrenNamed(access.round().id()));
    }

    /** The first names of the interviewer's own children in the interview as saved; empty for anyone else. */
    public List<NameFinding> childNames(long interviewId) {
        var view = get(interviewId);
        return childNamesIn(interviewId, FreeTexts.draftOf(view), view.reflection());
    }

    /** The interviewer's own children of the interview's round, with their first names; empty for anyone else. */
    public List<ParticipantService.NamedChild> myChildren(long interviewId) {
        var access = access(interviewId);
        return access.assigned() ? participants.myChildrenNamed(access.round().id()) : List.of();
    }

    /**
     * Saves the form as typed, with one child's first name in one field replaced in one step by the
     * child's pseudonym or by "[barnet]". Everything else typed is saved as it stands.
     *
     * @throws InvalidInputException {@code field}: not a field of the form, or no own child of that id
     */
    public InterviewView replaceChildName(long interviewId, int expectedVersion, InterviewDraft draft, String field,
                                          long participantId, boolean withPseudonym) {
        var access = writable(interviewId, "SAVE");
        if (!FreeTexts.isField(field) || FreeTexts.isReflection(field)) {
            throw new InvalidInputException("field", "namecheck.field.unknown");
        }
        var child = ownChild(access.round(), participantId);
        var replaced = FreeTexts.replace(draft == null ? InterviewDraft.of(List.of(), null) : draft, field,
                child.firstName(), withPseudonym ? child.pseudonym() : NameFinding.CHILD);
        return save(interviewId, expectedVersion, replaced);
    }

    /** The reflection as typed, with one child's first name in one part replaced and saved. */
    public Reflection replaceChildNameInReflection(long interviewId, Reflection typed, String field, long participantId,
                                                   boolean withPseudonym) {
        var access = writable(interviewId, "REFLECTION");
        if (!FreeTexts.isField(field) || !FreeTexts.isReflection(field)) {
            throw new InvalidInputException("field", "namecheck.field.unknown");
        }
        var child = ownChild(access.round(), participantId);
        var replaced = FreeTexts.replace(typed == null ? Reflection.EMPTY : typed, field, child.firstName(),
                withPseudonym ? child.pseudonym() : NameFinding.CHILD);
        saveReflection(interviewId, replaced);
        return replaced;
    }

    /** One finding of the process lead's review: where it stands, and a few words around it. */
    public record ReviewFinding(long interviewId, String interviewPseudonym, String field, String name,
                                long participantId, String pseudonym, String excerpt) {
    }

    /**
     * Every first name of the round's key list that stands in the free text of a completed interview,
     * for the process lead only (a 404 for everyone else): the review before the interviews are
     * opened for reading in the unit. Each interview read is audited.
     */
    public List<ReviewFinding> nameReview(long roundId) {
        var round = rounds.getManaged(roundId);
        var children = participants.allChildrenNamed(roundId);
        var result = new ArrayList<ReviewFinding>();
        if (children.isEmpty() || !keys.hasKey(roundId)) {
            return result;
        }
        var rows = jdbc.sql("select * from interview where round_id = ? and status = 'COMPLETE' order by id")
                .param(roundId).query(Interviews::row).list();
        for (var row : rows) {
            var participant = participants.get(row.participantId());
            var view = view(new Access(row, round, participant.assignment(), currentActor.get(), false));
            var texts = FreeTexts.of(FreeTexts.draftOf(view), view.reflection());
            for (var finding : FreeTexts.find(texts, children)) {
                result.add(new ReviewFinding(row.id(), participant.pseudonym(), finding.field(), finding.name(),
                        finding.participantId(), finding.pseudonym(), excerpt(texts.get(finding.field()), finding.name())));
            }
            log("NAME_REVIEW", row.id(), round.unitId(), AuditLog.Outcome.SUCCESS);
        }
        result.sort(java.util.Comparator.comparing(ReviewFinding::interviewPseudonym));
        return result;
    }

    /**
     * The process lead replaces a child's first name in one field of a completed interview, with the
     * child's pseudonym or "[barnet]". Refused for a text the analysis has already coded, whose
     * marked spans would otherwise point at the wrong words.
     */
    public void replaceNameAsLead(long roundId, long interviewId, String field, long participantId, boolean withPseudonym) {
        var round = rounds.getManaged(roundId);
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("stage", "interview.stage.closed");
        }
        if (!FreeTexts.isField(field)) {
            throw new InvalidInputException("field", "namecheck.field.unknown");
        }
        var row = find(interviewId).filter(r -> r.roundId() == roundId).orElseThrow(NotFoundException::new);
        var child = participants.allChildrenNamed(roundId).stream().filter(c -> c.participantId() == participantId)
                .findFirst().orElseThrow(() -> new InvalidInputException("field", "namecheck.field.unknown"));
        var participant = participants.get(row.participantId());
        var view = view(new Access(row, round, participant.assignment(), currentActor.get(), false));
        var texts = FreeTexts.of(FreeTexts.draftOf(view), view.reflection());
        var text = texts.get(field);
        if (text == null) {
            return;
        }
        var place = place(field);
        if (codedTexts.stream().anyMatch(c -> c.isCoded(interviewId, place.kind(), place.questionId(), place.part()))) {
            throw new InvalidInputException("field", "namecheck.review.coded");
        }
        var replaced = se.delaktig.privacy.NamePatterns.replace(text, List.of(child.firstName()),
                withPseudonym ? child.pseudonym() : NameFinding.CHILD);
        write(round.id(), interviewId, field, replaced);
        jdbc.sql("update interview set version = version + 1, updated_at = now() where id = ?").param(interviewId).update();
        log("NAME_REPLACE", interviewId, round.unitId(), AuditLog.Outcome.SUCCESS);
    }

    /** Whether the process lead has opened the round's completed interviews for reading in the unit. */
    @Transactional(readOnly = true)
    public boolean openedForReading(long roundId) {
        return openings.isOpen(rounds.get(roundId));
    }

    /** When the process lead opened the round's interviews for reading, if they did. */
    @Transactional(readOnly = true)
    public Optional<Instant> openedAt(long roundId) {
        rounds.get(roundId);
        return openings.openedAt(roundId);
    }

    /**
     * Opens the round's completed interviews for reading in the whole unit: the process lead's step
     * after reviewing the names, once the analysis has started and the interviews can no longer
     * change. Refused while names remain unless the process lead confirms they are not the children's.
     */
    public void openForReading(long roundId, boolean remainingConfirmed) {
        var round = rounds.getManaged(roundId);
        if (!round.stage().isAfter(Stage.REFLECTION)) {
            throw new InvalidInputException("confirm", "namecheck.open.tooEarly");
        }
        var left = nameReview(roundId).size();
        if (left > 0 && !remainingConfirmed) {
            throw new InvalidInputException("confirm", "namecheck.open.namesLeft", left);
        }
        if (openings.open(roundId, currentActor.get().username())) {
            audit.record(currentActor.get().username(), "OPEN_FOR_READING", "round", roundId, round.unitId(),
                    AuditLog.Outcome.SUCCESS, left > 0 ? left + " findings confirmed as not names" : null);
        }
    }

    /** Where a field is kept, as the analysis refers to it. */
    private record Place(CodableText.Kind kind, Long questionId, String part) {
    }

    private static Place place(String field) {
        var questionId = FreeTexts.questionOf(field);
        if (questionId != null) {
            return new Place("childWords".equals(FreeTexts.partOf(field)) ? CodableText.Kind.CHILD_WORDS
                    : CodableText.Kind.NOTES, questionId, null);
        }
        return switch (field) {
            case "notes" -> new Place(CodableText.Kind.NOTES, null, null);
            case "childExperienceWords" -> new Place(CodableText.Kind.CHILD_WORDS, null, null);
            case "transcript" -> new Place(CodableText.Kind.TRANSCRIPT, null, null);
            case "reflection" -> new Place(CodableText.Kind.REFLECTION, null, "other");
            default -> new Place(CodableText.Kind.REFLECTION, null, field.substring("reflection.".length()));
        };
    }

    /** Writes one field's new text, encrypted in its own place. */
    private void write(long roundId, long interviewId, String field, String text) {
        var questionId = FreeTexts.questionOf(field);
        if (questionId != null) {
            var words = "childWords".equals(FreeTexts.partOf(field));
            var column = words ? "child_words" : "notes";
            var context = words ? wordsContext(interviewId, questionId) : answerNotesContext(interviewId, questionId);
            jdbc.sql("update answer set " + column + " = ? where interview_id = ? and question_id = ?")
                    .params(keys.encrypt(roundId, text, context), interviewId, questionId).update();
            return;
        }
        var column = switch (field) {
            case "notes" -> "notes";
            case "childExperienceWords" -> "child_experience_words";
            case "transcript" -> "transcript";
            case "reflection" -> "reflection";
            case "reflection.learnt" -> "reflection_learnt";
            case "reflection.surprised" -> "reflection_surprised";
            default -> "reflection_change";
        };
        var context = switch (column) {
            case "notes" -> notesContext(interviewId);
            case "reflection" -> reflectionContext(interviewId);
            default -> columnContext(interviewId, column);
        };
        jdbc.sql("update interview set " + column + " = ? where id = ?")
                .params(keys.encrypt(roundId, text, context), interviewId).update();
    }

    /** Some forty characters either side of the name's first place, so the reviewer sees it in context. */
    private static String excerpt(String text, String name) {
        var match = se.delaktig.privacy.NamePatterns.find(text, List.of(name));
        if (match.isEmpty()) {
            return "";
        }
        var start = Math.max(0, match.get(0).start() - 40);
        var end = Math.min(text.length(), match.get(0).end() + 40);
        return (start > 0 ? "…" : "") + text.substring(start, end).replace('\n', ' ') + (end < text.length() ? "…" : "");
    }

    private ParticipantService.NamedChild ownChild(Round round, long participantId) {
        return participants.myChildrenNamed(round.id()).stream().filter(c -> c.participantId() == participantId)
                .findFirst().orElseThrow(() -> new InvalidInputException("field", "namecheck.field.unknown"));
    }

    /** One problem per field in which a name stands, naming the field and the replacements. */
    private InvalidAnswersException namesLeft(Round round, List<NameFinding> names, String key) {
        var labels = new FieldLabels(guides.find(round.guideId()).orElseThrow());
        var problems = new ArrayList<InvalidAnswersException.Problem>();
        for (var name : names) {
            problems.add(new InvalidAnswersException.Problem(name.field(), key, name.name(), labels.of(name.field()),
                    name.pseudonym()));
        }
        return new InvalidAnswersException(problems);
    }

    /**
     * Whether the person may read the round's completed interviews of others: the process lead
     * always (they review them), the unit's manager and interviewers once the process lead opened them.
     */
    private boolean mayReadOthers(Round round, Actor actor) {
        if (actor.has(round.unitId(), Role.PROCESS_LEAD)) {
            return true;
        }
        return actor.hasAny(round.unitId(), Role.UNIT_MANAGER, Role.INTERVIEWER) && openings.isOpen(round);
    }

    // -------------------------------------------------------------------------------------------

    /** The interview row and what decides who may do what with it. */
    private record Access(Row row, Round round, ParticipantAssignment participant, Actor actor, boolean assigned) {
        boolean isComplete() {
            return COMPLETE.equals(row.status());
        }
    }

    private record Row(long id, long roundId, long participantId, long interviewerId, String status, byte[] notes,
                       byte[] reflection, Instant updatedAt, Instant completedAt, int version, Integer duration,
                       String experience, byte[] experienceWords, byte[] transcript, byte[] learnt, byte[] surprised,
                       byte[] change) {
    }

    private record Cleaned(List<AnswerInput> answers, String notes, Integer duration, String experience,
                           String experienceWords, String transcript) {
    }

    private Access access(long interviewId) {
        var row = find(interviewId).orElseThrow(NotFoundException::new);
        // Both calls answer 404 for a round of another unit, exactly as for a missing interview.
        var round = rounds.get(row.roundId());
        // The round is checked above; the child is read without an audit entry of its own, since what is
        // done with the interview (READ, SAVE, COMPLETE …) is audited.
        var participant = participants.assignment(row.participantId());
        var actor = currentActor.get();
        return new Access(row, round, participant, actor, participant.assignedTo(actor.staffId()));
    }

    private Access writable(long interviewId, String action) {
        var access = access(interviewId);
        if (!access.assigned()) {
            throw denied(access, action);
        }
        requireOpenStage(access.round());
        return access;
    }

    private Access reload(Access access) {
        return new Access(find(access.row().id()).orElseThrow(), access.round(), access.participant(), access.actor(),
                access.assigned());
    }

    private NotFoundException denied(Access access, String action) {
        log(action, access.row().id(), access.round().unitId(), AuditLog.Outcome.DENIED);
        return new NotFoundException();
    }

    private boolean mayReopen(Access access) {
        return access.assigned() || access.actor().has(access.round().unitId(), Role.PROCESS_LEAD);
    }

    /**
     * Writes through the audit log's own-transaction entry point, so that a refusal is still logged
     * when the refused work rolls back.
     */
    private void log(String action, Object recordId, long unitId, AuditLog.Outcome outcome) {
        audit.record(currentActor.get().username(), action, RECORD, recordId, unitId, outcome, null);
    }

    private static boolean isAssigned(Participant participant, Actor actor) {
        return participant.interviewerId() != null && participant.interviewerId() == actor.staffId();
    }

    private boolean assignedToMe(long participantId) {
        return participants.assignedToMe().stream().anyMatch(p -> p.id() == participantId);
    }

    private Optional<Round> visibleRound(long roundId) {
        try {
            return Optional.of(rounds.get(roundId));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Once the analysis has started, the team works on what was recorded; changing it would move the ground. */
    private static void requireOpenStage(Round round) {
        if (!Stage.ANALYSIS.isAfter(round.stage())) {
            throw new InvalidInputException("stage", "interview.stage.closed");
        }
    }

    private static void requireDraft(Access access) {
        if (access.isComplete()) {
            throw new InvalidInputException("status", "interview.alreadyComplete");
        }
    }

    private static void requireVersion(Access access, int expectedVersion) {
        if (access.row().version() != expectedVersion) {
            throw new InvalidInputException("version", "interview.conflict");
        }
    }

    private Cleaned validate(Guide guide, InterviewDraft draft) {
        var answers = draft.answers() == null ? List.<AnswerInput>of() : draft.answers();
        var problems = new ArrayList<InvalidAnswersException.Problem>();
        var seen = new HashSet<Long>();
        var cleaned = new ArrayList<AnswerInput>();
        for (var input : answers) {
            var prefix = "answers[" + input.questionId() + "].";
            var question = guide.question(input.questionId());
            if (question.isEmpty()) {
                problems.add(new InvalidAnswersException.Problem(prefix + "value", "interview.question.unknown"));
                continue;
            }
            if (!seen.add(input.questionId())) {
                problems.add(new InvalidAnswersException.Problem(prefix + "value", "interview.question.duplicate"));
                continue;
            }
            var value = value(question.get(), input.value(), prefix + "value", problems);
            var words = freeText(input.childWords());
            var answerNotes = freeText(input.notes());
            checkText(words, prefix + "childWords", problems);
            checkText(answerNotes, prefix + "notes", problems);
            if (value != null || words != null || answerNotes != null) {
                cleaned.add(new AnswerInput(input.questionId(), value, words, answerNotes));
            }
        }
        var freeNotes = freeText(draft.notes());
        checkText(freeNotes, "notes", problems);
        var duration = duration(draft.durationMinutes(), problems);
        var experience = freeText(draft.childExperience());
        if (experience != null && !QuestionType.SMILEY_VALUES.contains(experience)) {
            problems.add(new InvalidAnswersException.Problem("childExperience", "interview.value.smiley"));
        }
        var experienceWords = freeText(draft.childExperienceWords());
        checkText(experienceWords, "childExperienceWords", problems);
        var transcript = freeText(draft.transcript());
        checkText(transcript, "transcript", MAX_TRANSCRIPT, problems);
        if (!problems.isEmpty()) {
            throw new InvalidAnswersException(problems);
        }
        return new Cleaned(cleaned, freeNotes, duration, experience, experienceWords, transcript);
    }

    /** The value as stored, or null for no answer; a value that does not fit the question is a problem. */
    private static String value(Question question, String raw, String field, List<InvalidAnswersException.Problem> problems) {
        var value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        switch (question.type()) {
            case YES_NO_DONT_KNOW -> {
                if (QuestionType.YES_NO_VALUES.contains(value)) {
                    return value;
                }
                problems.add(new InvalidAnswersException.Problem(field, "interview.value.yesNo"));
            }
            case SINGLE_CHOICE -> {
                if (question.options().contains(value)) {
                    return value;
                }
                problems.add(new InvalidAnswersException.Problem(field, "interview.value.option"));
            }
            case MULTIPLE_CHOICE -> {
                var chosen = value.lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
                if (question.options().containsAll(chosen)) {
                    return String.join("\n", chosen);
                }
                problems.add(new InvalidAnswersException.Problem(field, "interview.value.option"));
            }
            case SMILEY -> {
                if (QuestionType.SMILEY_VALUES.contains(value)) {
                    return value;
                }
                problems.add(new InvalidAnswersException.Problem(field, "interview.value.smiley"));
            }
            case NUMBER -> {
                if (WHOLE_NUMBER.matcher(value).matches()) {
                    return Integer.toString(Integer.parseInt(value));
                }
                problems.add(new InvalidAnswersException.Problem(field, "interview.value.number", 0, 999));
            }
            case FREE_TEXT -> problems.add(new InvalidAnswersException.Problem(field, "interview.value.freeText"));
        }
        return null;
    }

    private static String freeText(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Integer duration(String raw, List<InvalidAnswersException.Problem> problems) {
        var text = freeText(raw);
        if (text == null) {
            return null;
        }
        if (WHOLE_NUMBER.matcher(text).matches()) {
            var minutes = Integer.parseInt(text);
            if (minutes >= 1 && minutes <= MAX_DURATION) {
                return minutes;
            }
        }
        problems.add(new InvalidAnswersException.Problem("durationMinutes", "interview.duration.invalid", 1, MAX_DURATION));
        return null;
    }

    private static void checkText(String text, String field, List<InvalidAnswersException.Problem> problems) {
        checkText(text, field, MAX_TEXT, problems);
    }

    private static void checkText(String text, String field, int max, List<InvalidAnswersException.Problem> problems) {
        if (text == null) {
            return;
        }
        if (text.length() > max) {
            problems.add(new InvalidAnswersException.Problem(field, "interview.text.tooLong", max));
        } else if (IdentityNumbers.containsIdentityNumber(text)) {
            problems.add(new InvalidAnswersException.Problem(field, "privacy.identityNumber"));
        }
    }

    private InterviewView view(Access access) {
        var row = access.row();
        var roundId = access.round().id();
        var answers = new LinkedHashMap<Long, AnswerView>();
        jdbc.sql("select question_id, value, child_words, notes from answer where interview_id = ? order by question_id")
                .param(row.id())
                .query(rs -> {
                    var questionId = rs.getLong("question_id");
                    answers.put(questionId, new AnswerView(rs.getString("value"),
                            keys.decrypt(roundId, rs.getBytes("child_words"), wordsContext(row.id(), questionId)),
                            keys.decrypt(roundId, rs.getBytes("notes"), answerNotesContext(row.id(), questionId))));
                });
        var editable = access.assigned() && !access.isComplete() && Stage.ANALYSIS.isAfter(access.round().stage());
        var reflection = new Reflection(
                keys.decrypt(roundId, row.learnt(), columnContext(row.id(), "reflection_learnt")),
                keys.decrypt(roundId, row.surprised(), columnContext(row.id(), "reflection_surprised")),
                keys.decrypt(roundId, row.change(), columnContext(row.id(), "reflection_change")),
                keys.decrypt(roundId, row.reflection(), reflectionContext(row.id())));
        return new InterviewView(row.id(), roundId, row.participantId(), access.participant().pseudonym(),
                access.participant().age(), row.status(), row.updatedAt(), row.completedAt(), row.version(),
                keys.decrypt(roundId, row.notes(), notesContext(row.id())), reflection,
                Map.copyOf(answers), row.duration(), row.experience(),
                keys.decrypt(roundId, row.experienceWords(), columnContext(row.id(), "child_experience_words")),
                keys.decrypt(roundId, row.transcript(), columnContext(row.id(), "transcript")),
                editable);
    }

    private Optional<Row> find(long interviewId) {
        return jdbc.sql("select * from interview where id = ?").param(interviewId).query(Interviews::row).optional();
    }

    private Optional<Row> findByParticipant(long participantId) {
        return jdbc.sql("select * from interview where participant_id = ?").param(participantId)
                .query(Interviews::row).optional();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        var completed = rs.getTimestamp("completed_at");
        return new Row(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("participant_id"), rs.getLong("interviewer_id"),
                rs.getString("status"), rs.getBytes("notes"), rs.getBytes("reflection"),
                rs.getTimestamp("updated_at").toInstant(), completed == null ? null : completed.toInstant(),
                rs.getInt("version"), (Integer) rs.getObject("duration_minutes"), rs.getString("child_experience"),
                rs.getBytes("child_experience_words"), rs.getBytes("transcript"), rs.getBytes("reflection_learnt"),
                rs.getBytes("reflection_surprised"), rs.getBytes("reflection_change"));
    }

    // Each ciphertext is bound to its place, so text copied into another row or column does not decrypt.
    private static String wordsContext(long interviewId, long questionId) {
        return "answer:" + interviewId + ":" + questionId + ":words";
    }

    private static String answerNotesContext(long interviewId, long questionId) {
        return "answer:" + interviewId + ":" + questionId + ":notes";
    }

    private static String notesContext(long interviewId) {
        return "interview:" + interviewId + ":notes";
    }

    private static String reflectionContext(long interviewId) {
        return "interview:" + interviewId + ":reflection";
    }

    private static String columnContext(long interviewId, String column) {
        return "interview:" + interviewId + ":" + column;
    }
}
