package se.delaktig.round.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import se.delaktig.round.ProgressItem;
import se.delaktig.round.Round;
import se.delaktig.round.RoundProgressContributor;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.Stage;

/**
 * Turns the checklists that the modules contribute into what the round page and the start page
 * show: each step with its lines, the next thing to do, and what is still missing before the round
 * moves on.
 */
@Component
class RoundGuide {

    /** Where a step lies relative to the round's current one. */
    enum Position { DONE, CURRENT, LATER }

    /** A step of the cycle with its checklist; a later step has no lines yet. */
    record Step(Stage stage, Position position, List<ProgressItem> items) {

        public boolean current() {
            return position == Position.CURRENT;
        }

        public boolean done() {
            return position == Position.DONE;
        }
    }

    /**
     * The round's checklist. {@code next} is the line whose action is the next thing to do, or
     * {@code null} when the step's work is done and moving on is the next thing.
     */
    record Checklist(List<Step> steps, ProgressItem next, List<ProgressItem> missing, boolean asksBeforeMoving) {

        public Step current() {
            return steps.stream().filter(Step::current).findFirst().orElse(null);
        }
    }

    private final List<RoundProgressContributor> contributors;

    RoundGuide(List<RoundProgressContributor> contributors) {
        this.contributors = contributors;
    }

    /** Every line of one step, in the order the modules stand in the cycle. */
    List<ProgressItem> items(RoundSnapshot round, Stage stage) {
        var items = new ArrayList<ProgressItem>();
        contributors.forEach(c -> items.addAll(c.progress(round, stage)));
        return items;
    }

    /**
     * The whole checklist. A person who does not lead the round sees the lines but no actions and no
     * links meant for the process lead.
     */
    Checklist checklist(RoundSnapshot round, boolean lead) {
        var now = round.round().stage();
        var steps = new ArrayList<Step>();
        for (var stage : Stage.values()) {
            var position = now.isAfter(stage) ? Position.DONE : stage == now ? Position.CURRENT : Position.LATER;
            // Closing has no checklist of its own: its page asks for the confirmation.
            var items = position == Position.LATER || stage == Stage.CLOSED ? List.<ProgressItem>of()
                    : items(round, stage).stream().map(i -> lead || !i.leadOnly() ? i : withoutLeadsLink(i)).toList();
            steps.add(new Step(stage, position, items));
        }
        var current = steps.stream().filter(Step::current).findFirst();
        var missing = current.map(s -> s.items().stream().filter(ProgressItem::missing).toList()).orElse(List.of());
        var next = lead ? missing.stream().filter(i -> i.actionKey() != null && i.href() != null).findFirst().orElse(null) : null;
        return new Checklist(steps, next, missing, !missing.isEmpty() || locksInterviews(now));
    }

    /** Entering the analysis locks the interviews: that step is always confirmed. */
    static boolean locksInterviews(Stage from) {
        return from.next() == Stage.ANALYSIS;
    }

    /** Whether the round may be moved on from its page (closing has its own confirmation page). */
    static boolean canAdvance(Round round) {
        return round.stage() != Stage.CLOSED && round.stage().next() != Stage.CLOSED;
    }

    private static ProgressItem withoutLeadsLink(ProgressItem i) {
        return new ProgressItem(i.id(), i.stage(), i.textKey(), i.args(), i.state(), i.needed(), null, null, null, true);
    }
}
