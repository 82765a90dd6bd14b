package se.delaktig.round;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.Unit;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Rounds and their steps. Visible to the process leads, unit managers and interviewers of the
 * round's unit; everyone else is told the round does not exist.
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

    RoundService(Rounds rounds, CurrentActor currentActor, Organization organization, Guides guides, RoundKeys keys,
                 AuditLog audit) {
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
        if (guides.find(guideId).isEmpty()) {
            throw new InvalidInputException("guideId", "round.guide.missing");
        }
        var round = rounds.save(new Round(null, unitId, plan.title().trim(), plan.periodStart(), plan.periodEnd(), guideId,
                Stage.PLANNING, plan.targetChildren(), plan.seminarDate(), actor.username(), java.time.Instant.now(), null));
        keys.createKey(round.id());
        // A guide version that a round has used must never change again: editing it makes a new version.
        guides.lock(guideId);
        audit.success("CREATE", "round", round.id(), unitId);
        return round;
    }

    public Round updatePlan(long id, Plan plan) {
        var round = getManaged(id);
        validate(plan);
        var saved = rounds.save(round.withPlan(plan.title().trim(), plan.periodStart(), plan.periodEnd(),
                plan.targetChildren(), plan.seminarDate()));
        audit.success("UPDATE", "round", id, round.unitId());
        return saved;
    }

    /** Moves the round to the next step of the cycle. */
    public Round advance(long id) {
        var round = getManaged(id);
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("stage", "round.stage.alreadyClosed");
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
