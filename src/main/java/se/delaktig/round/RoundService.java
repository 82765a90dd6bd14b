package se.delaktig.round;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Municipality;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.Unit;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Rounds and their steps. Visible to the process leads, unit managers and interviewers of the
 * round's unit; everyone else is told the round does not exist.
 *
 * <p>The last step is closing ({@link #close}), which needs an explicit confirmation: it destroys the
 * round's identity key and key list and freezes the round. Services that change a round's content
 * call {@link #requireOpen} first.
 */
@Service
@Transactional
public class RoundService {

    static final Role[] MEMBERS = {Role.PROCESS_LEAD, Role.UNIT_MANAGER, Role.INTERVIEWER};

    private final Rounds rounds;
    private final CurrentActor currentActor;
    private final Organization organization;
    private final Guides guides;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final InterviewedChildren interviewed;

    RoundService(Rounds rounds, CurrentActor currentActor, Organization organization, Guides guides, RoundKeys keys,
                 AuditLog audit, JdbcClient jdbc, InterviewedChildren interviewed) {
        this.jdbc = jdbc;
        this.interviewed = interviewed;
        this.rounds = rounds;
        this.currentActor = currentActor;
        this.organization = organization;
        this.guides = guides;
        this.keys = keys;
        this.audit = audit;
    }

    /** What a process lead types when planning a round. */
    public record Plan(String title, LocalDate periodStart, LocalDate periodEnd, Integer targetChildren,
                       LocalDate seminarDate) {
    }

    @Transactional(readOnly = true)
    public List<Round> visible() {
        var actor = currentActor.get();
        var units = actor.unitsWith(MEMBERS);
        return units.isEmpty() ? List.of() : rounds.findByUnitIdInOrderByPeriodStartDesc(units);
    }

    /** The round, if the current person may see it; otherwise a 404, exactly as for a missing round. */
    @Transactional(readOnly = true)
    public Round get(long id) {
        var actor = currentActor.get();
        return rounds.findById(id).filter(r -> actor.hasAny(r.unitId(), MEMBERS)).orElseThrow(NotFoundException::new);
    }

    /** The round, if the current person is a process lead of its unit. */
    @Transactional(readOnly = true)
    public Round getManaged(long id) {
        var round = get(id);
        if (!currentActor.get().has(round.unitId(), Role.PROCESS_LEAD)) {
            throw new NotFoundException();
        }
        return round;
    }

    public boolean canManage(Round round) {
        return currentActor.get().has(round.unitId(), Role.PROCESS_LEAD);
    }

    /** Units in which the current person may start a round. */
    @Transactional(readOnly = true)
    public List<Unit> unitsForNewRound() {
        return organization.units(currentActor.get().unitsWith(Role.PROCESS_LEAD));
    }

    public Round create(long unitId, long guideId, Plan plan) {
        Actor actor = currentActor.requireAny(unitId, Role.PROCESS_LEAD);
        validate(plan);
        requireFreeTitle(unitId, plan.title(), null);
        if (guides.find(guideId).isEmpty()) {
            throw new InvalidInputException("guideId", "round.guide.missing");
        }
        var round = savingTitle(() -> rounds.save(new Round(null, unitId, plan.title().trim(), plan.periodStart(),
                plan.periodEnd(), guideId, Stage.PLANNING, plan.targetChildren(), plan.seminarDate(), actor.username(),
                java.time.Instant.now(), null)));
        keys.createKey(round.id());
        // A guide version that a round has used must never change again: editing it makes a new version.
        guides.lock(guideId);
        audit.success("CREATE", "round", round.id(), unitId);
        return round;
    }

    public Round updatePlan(long id, Plan plan) {
        var round = getManaged(id);
        requireOpen(round);
        validate(plan);
        requireFreeTitle(round.unitId(), plan.title(), round.id());
        var saved = savingTitle(() -> rounds.save(round.withPlan(plan.title().trim(), plan.periodStart(), plan.periodEnd(),
                plan.targetChildren(), plan.seminarDate())));
        audit.success("UPDATE", "round", id, round.unitId());
        return saved;
    }

    /**
     * What the plan page sends: the plan, the guide version and the round's version as the page
     * showed it, so that a change someone else saved meanwhile is not silently overwritten.
     */
    public record PlanChange(Plan plan, Long guideId, Integer version) {
    }

    /**
     * Changes the plan of a round, for its process lead, while the round is open. The guide version
     * may change only while no interview of the round has been opened: an interview's answers belong
     * to the questions of the guide it was held with, and the counts compare children who were asked
     * the same questions. The audit entry names the fields that changed.
     */
    public Round edit(long id, PlanChange change) {
        var round = getManaged(id);
        requireOpen(round);
        if (change.version() == null || !change.version().equals(round.version())) {
            throw new InvalidInputException("version", "round.edit.stale");
        }
        validate(change.plan());
        var plan = change.plan();
        requireFreeTitle(round.unitId(), plan.title(), round.id());
        var guideId = change.guideId() == null ? round.guideId() : change.guideId();
        if (guideId != round.guideId()) {
            if (guides.find(guideId).isEmpty()) {
                throw new InvalidInputException("guideId", "round.guide.missing");
            }
            if (!guideChangeable(round)) {
                throw new InvalidInputException("guideId", "round.edit.guideLocked");
            }
        }
        var changed = new java.util.ArrayList<String>();
        if (!plan.title().trim().equals(round.title())) {
            changed.add("title");
        }
        if (!plan.periodStart().equals(round.periodStart()) || !plan.periodEnd().equals(round.periodEnd())) {
            changed.add("period");
        }
        if (guideId != round.guideId()) {
            changed.add("guide " + round.guideId() + " -> " + guideId);
        }
        if (!java.util.Objects.equals(plan.targetChildren(), round.targetChildren())) {
            changed.add("target");
        }
        if (!java.util.Objects.equals(plan.seminarDate(), round.seminarDate())) {
            changed.add("seminar date");
        }
        if (changed.isEmpty()) {
            return round;
        }
        var saved = savingTitle(() -> rounds.save(new Round(round.id(), round.unitId(), plan.title().trim(),
                plan.periodStart(), plan.periodEnd(), guideId, round.stage(), plan.targetChildren(), plan.seminarDate(),
                round.createdBy(), round.createdAt(), round.version())));
        if (guideId != round.guideId()) {
            // As on creation: a guide version a round uses must never change again.
            guides.lock(guideId);
        }
        audit.record(currentActor.get().username(), "UPDATE", "round", id, round.unitId(), AuditLog.Outcome.SUCCESS,
                "plan changed: " + String.join(", ", changed));
        return saved;
    }

    /** Whether the round's guide version may still be changed: no interview of the round has been opened. */
    @Transactional(readOnly = true)
    public boolean guideChangeable(Round round) {
        return jdbc.sql("select id from participant where round_id = ?").param(round.id()).query(Long.class).list()
                .stream().noneMatch(interviewed::hasInterview);
    }

    /** The title the round had before a migration made it unique in its unit, if that happened. */
    @Transactional(readOnly = true)
    public Optional<String> titleBeforeRenaming(long roundId) {
        var round = getManaged(roundId);
        return jdbc.sql("select old_title from round_title_renamed where round_id = ?").param(round.id())
                .query(String.class).optional();
    }

    /**
     * Refuses a title another round of the unit already has, trimmed and regardless of case. The
     * database's unique index (V350) holds the same rule for two saves at the same moment.
     */
    private void requireFreeTitle(long unitId, String title, Long exceptRoundId) {
        var wanted = title.trim();
        var taken = jdbc.sql("select id, title from round where unit_id = ?").param(unitId)
                .query((rs, n) -> rs.getLong(1) == (exceptRoundId == null ? -1 : exceptRoundId) ? null : rs.getString(2))
                .list().stream()
                .filter(java.util.Objects::nonNull)
                .anyMatch(existing -> existing.trim().equalsIgnoreCase(wanted));
        if (taken) {
            throw new InvalidInputException("title", "round.title.taken");
        }
    }

    /** A save that lost the race for a title to another save at the same moment gets the same field error. */
    private static Round savingTitle(java.util.function.Supplier<Round> save) {
        try {
            return save.get();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new InvalidInputException("title", "round.title.taken");
        } catch (org.springframework.data.relational.core.conversion.DbActionExecutionException e) {
            if (e.getCause() instanceof org.springframework.dao.DuplicateKeyException) {
                throw new InvalidInputException("title", "round.title.taken");
            }
            throw e;
        }
    }

    /** Moves the round to the next step of the cycle. */
    public Round advance(long id) {
        var round = getManaged(id);
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("stage", "round.stage.alreadyClosed");
        }
        if (round.stage().next() == Stage.CLOSED) {
            // Closing destroys the key list and cannot be undone: only close(), with its confirmation, does it.
            throw new InvalidInputException("confirm", "closing.confirm.useClose");
        }
        var saved = rounds.save(round.withStage(round.stage().next()));
        audit.record(currentActor.get().username(), "STAGE", "round", id, round.unitId(), AuditLog.Outcome.SUCCESS,
                round.stage() + " -> " + saved.stage());
        return saved;
    }

    /** Moves the round back one step, for a step that was left too early. A closed round stays closed. */
    public Round goBack(long id) {
        var round = getManaged(id);
        if (round.stage() == Stage.CLOSED || round.stage() == Stage.PLANNING) {
            throw new InvalidInputException("stage", "round.stage.cannotGoBack");
        }
        var saved = rounds.save(round.withStage(round.stage().previous()));
        audit.record(currentActor.get().username(), "STAGE", "round", id, round.unitId(), AuditLog.Outcome.SUCCESS,
                round.stage() + " -> " + saved.stage());
        return saved;
    }

    /**
     * Refuses any change to a closed round: its results are frozen. Every service that changes a
     * round's participants, consent, interviews, coding, quotes or seminar calls this.
     */
    public void requireOpen(Round round) {
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("stage", "closing.frozen");
        }
    }

    /**
     * Closes the round, for its process lead, from the last step (feedback to the children) and only
     * when {@code confirmed}: destroys the round's identity key, deletes the key list, the booked
     * places and the notes on who knows a family, records who closed it and when, and freezes the
     * round. The free text stays readable until the municipality's retention period has passed.
     */
    public Round close(long id, boolean confirmed) {
        getManaged(id);
        // One close at a time: a second process lead pressing at the same moment waits and is then refused.
        jdbc.sql("select id from round where id = ? for update").param(id).query(Long.class).single();
        var round = rounds.findById(id).orElseThrow(NotFoundException::new);
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("stage", "round.stage.alreadyClosed");
        }
        if (round.stage() != Stage.FEEDBACK) {
            throw new InvalidInputException("stage", "closing.notYet");
        }
        if (!confirmed) {
            throw new InvalidInputException("confirm", "closing.confirm.required");
        }
        var actor = currentActor.get();
        var saved = rounds.save(round.withStage(Stage.CLOSED));
        jdbc.sql("insert into round_closure (round_id, closed_by) values (?, ?)").params(id, actor.username()).update();
        var entries = destroyIdentities(id);
        keys.destroyKey(id, RoundKeys.Purpose.IDENTITY);
        audit.record(actor.username(), "CLOSE", "round", id, round.unitId(), AuditLog.Outcome.SUCCESS,
                round.stage() + " -> CLOSED; identity key destroyed; key list entries deleted: " + entries
                        + "; free text kept " + retentionMonths(round.unitId()) + " months");
        return saved;
    }

    /** That the round is closed (when, by whom, when its free text is shredded), if it is; a 404 as {@link #get}. */
    @Transactional(readOnly = true)
    public Optional<RoundClosure> closure(long roundId) {
        var round = get(roundId);
        return closureOf(round.id(), round.unitId());
    }

    /** How many months the free text of a round of this unit is kept after closing. */
    @Transactional(readOnly = true)
    public int retentionMonths(long unitId) {
        return organization.unit(unitId).flatMap(u -> organization.municipality(u.municipalityId()))
                .map(Municipality::textRetentionMonths).orElse(Municipality.DEFAULT_TEXT_RETENTION_MONTHS);
    }

    Optional<RoundClosure> closureOf(long roundId, long unitId) {
        return jdbc.sql("select closed_at, closed_by, text_shredded_at from round_closure where round_id = ?")
                .param(roundId)
                .query((rs, n) -> new RoundClosure(roundId, rs.getTimestamp(1).toInstant(), rs.getString(2),
                        retentionMonths(unitId),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /**
     * Deletes what names the round's children besides the key itself: the key list entries, the
     * bookings (their place may be a home) and the notes on who knows a family (the fact that a
     * person knows the family stays, without the note). Returns how many key list entries there were.
     */
    int destroyIdentities(long roundId) {
        var entries = jdbc.sql("delete from key_list_entry where participant_id in (select id from participant where round_id = ?)")
                .param(roundId).update();
        jdbc.sql("delete from booking where participant_id in (select id from participant where round_id = ?)")
                .param(roundId).update();
        jdbc.sql("""
                update participant_known_by set note = null
                where note is not null and participant_id in (select id from participant where round_id = ?)""")
                .param(roundId).update();
        return entries;
    }

    private static void validate(Plan plan) {
        if (plan.title() == null || plan.title().isBlank()) {
            throw new InvalidInputException("title", "round.title.required");
        }
        if (plan.title().length() > 200) {
            throw new InvalidInputException("title", "round.title.tooLong");
        }
        if (plan.periodStart() == null) {
            throw new InvalidInputException("periodStart", "round.period.required");
        }
        if (plan.periodEnd() == null) {
            throw new InvalidInputException("periodEnd", "round.period.required");
        }
        if (plan.periodEnd().isBefore(plan.periodStart())) {
            throw new InvalidInputException("periodEnd", "round.period.endBeforeStart");
        }
        if (plan.targetChildren() != null && (plan.targetChildren() < 1 || plan.targetChildren() > 200)) {
            throw new InvalidInputException("targetChildren", "round.target.range");
        }
    }
}
