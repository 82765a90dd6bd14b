package se.delaktig.decision;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.organization.Role;
import se.delaktig.round.PersonalWork;
import se.delaktig.round.ProgressItem;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.RoundProgressContributor;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.round.WorkItem;

/**
 * The decisions' part of the round's checklist (how many of the seminar's proposals are decided),
 * and, for a unit manager's start page, the proposals waiting for their decision and the overdue
 * actions of their units.
 */
@Component
@Order(50)
@Transactional(readOnly = true)
class DecisionProgress implements RoundProgressContributor, PersonalWork {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final RoundService rounds;
    private final Decisions decisions;

    DecisionProgress(JdbcClient jdbc, CurrentActor currentActor, RoundService rounds, Decisions decisions) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.rounds = rounds;
        this.decisions = decisions;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        if (stage != Stage.DECISIONS) {
            return List.of();
        }
        var counts = counts(round.id());
        var item = ProgressItem.of("decisions", stage, "guide.item.decisions", ProgressItem.stateOf(counts[0], counts[1]),
                true, counts[0], counts[1]).withLink("round.results.decisions", "/rounds/" + round.id() + "/decisions");
        return List.of(counts[0] < counts[1] ? item.withAction("guide.action.decide") : item);
    }

    /** Decided proposals and all proposals of the round. */
    private long[] counts(long roundId) {
        return jdbc.sql("""
                select count(distinct d.proposal_id), (select count(*) from seminar_proposal where round_id = :round)
                from decision d where d.round_id = :round""")
                .param("round", roundId).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
    }

    @Override
    public List<WorkItem> forCurrentPerson() {
        var managed = currentActor.get().unitsWith(Role.UNIT_MANAGER);
        if (managed.isEmpty()) {
            return List.of();
        }
        var items = new ArrayList<WorkItem>();
        for (var round : rounds.visible()) {
            if (!managed.contains(round.unitId()) || round.stage() == Stage.CLOSED) {
                continue;
            }
            var counts = counts(round.id());
            var waiting = counts[1] - counts[0];
            if (waiting > 0) {
                items.add(new WorkItem(WorkItem.PROPOSALS, round.id(), round.title(), "guide.work.proposals",
                        List.of(waiting, round.title()), "guide.work.proposals.link", "/rounds/" + round.id() + "/decisions"));
            }
        }
        for (var action : decisions.actions(new Decisions.ActionFilter(false, true, null))) {
            if (action.overdue() && managed.contains(unitOf(action))) {
                items.add(new WorkItem(WorkItem.OVERDUE, action.roundId(), action.roundTitle(), "guide.work.overdue",
                        List.of(action.text(), action.deadline().toString(), action.ownerName()), "guide.work.overdue.link",
                        "/actions/" + action.id()));
            }
        }
        return items;
    }

    private long unitOf(Action action) {
        return jdbc.sql("select unit_id from decision_action where id = ?").param(action.id()).query(Long.class).single();
    }
}
