package se.delaktig.decision;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;

/**
 * "Uppföljning av förra årets åtgärder": what became of the actions of the unit's previous round, for
 * the next round's memo and decisions page. The previous round is the latest round of the same unit
 * that started before this one.
 */
@Service
@Transactional(readOnly = true)
public class FollowUp {

    /** One action of the previous round, with the proposal it came from and the decision in force. */
    public record Item(long actionId, long roundId, String roundTitle, int proposalRank, String proposalText,
                       Outcome outcome, DecidingBody body, LocalDate decidedOn, String actionText, ActionStatus status,
                       String ownerName, LocalDate deadline, boolean overdue) {
    }

    private final RoundService rounds;
    private final Decisions decisions;
    private final AuditLog audit;

    FollowUp(RoundService rounds, Decisions decisions, AuditLog audit) {
        this.rounds = rounds;
        this.decisions = decisions;
        this.audit = audit;
    }

    /** The unit's round before this one, if there is one. A 404 if the person may not see this round. */
    public Optional<Round> previousRound(long roundId) {
        var round = rounds.get(roundId);
        return rounds.visible().stream()
                .filter(r -> r.unitId() == round.unitId() && !r.id().equals(round.id()))
                .filter(r -> r.periodStart().isBefore(round.periodStart())
                        || r.periodStart().equals(round.periodStart()) && r.id() < round.id())
                .max(Comparator.comparing(Round::periodStart).thenComparing(Round::id));
    }

    /** The actions of the unit's previous round in the order of its proposals; empty if there is no such round. */
    public List<Item> previousRoundActions(long roundId) {
        var previous = previousRound(roundId);
        if (previous.isEmpty()) {
            return List.of();
        }
        var prior = previous.get();
        Map<Long, Decision> inForce = decisions.decisionsOfRound(prior.id()).stream()
                .collect(Collectors.toMap(Decision::proposalId, d -> d, (newest, older) -> newest));
        var items = decisions.actions("a.round_id = :round", Map.of("round", prior.id())).stream().map(a -> {
            var decision = inForce.get(a.proposalId());
            return new Item(a.id(), a.roundId(), a.roundTitle(), a.proposalRank(), a.proposalText(),
                    decision == null ? null : decision.outcome(), decision == null ? null : decision.body(),
                    decision == null ? null : decision.decidedOn(), a.text(), a.status(), a.ownerName(), a.deadline(),
                    a.overdue());
        }).toList();
        audit.success("READ_FOLLOW_UP", "decision", prior.id(), prior.unitId());
        return items;
    }
}
