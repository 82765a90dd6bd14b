package se.delaktig.report;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.FollowUp;
import se.delaktig.round.Round;

/**
 * The memo's account of the unit's previous round: what became of the actions decided after it,
 * counted by status, and each action with its owner, deadline and status.
 */
@Component
public class MemoFollowUp {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", CommitteeMemos.SWEDISH);

    private final FollowUp followUp;
    private final MessageSource messages;

    MemoFollowUp(FollowUp followUp, MessageSource messages) {
        this.followUp = followUp;
        this.messages = messages;
    }

    /**
     * The paragraphs (plain memo text, see {@link MemoText}) on the previous round's actions, in Swedish.
     * The earlier round is the latest round of the same unit that started before this one.
     */
    public List<String> previousRoundActions(Round round) {
        var previous = followUp.previousRound(round.id());
        if (previous.isEmpty()) {
            return List.of(message("report.memo.followUp.first"));
        }
        var earlier = previous.get();
        var paragraphs = new ArrayList<String>();
        paragraphs.add(message("report.memo.followUp.previous", earlier.title(), DATE.format(earlier.periodStart()),
                DATE.format(earlier.periodEnd())));
        var actions = followUp.previousRoundActions(round.id());
        if (actions.isEmpty()) {
            paragraphs.add(message("report.memo.followUp.noActions"));
            return List.copyOf(paragraphs);
        }
        var byStatus = new EnumMap<ActionStatus, Long>(ActionStatus.class);
        actions.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        var overdue = actions.stream().filter(FollowUp.Item::overdue).count();
        paragraphs.add(message("report.memo.followUp.summary", actions.size(),
                byStatus.getOrDefault(ActionStatus.DONE, 0L), byStatus.getOrDefault(ActionStatus.IN_PROGRESS, 0L),
                byStatus.getOrDefault(ActionStatus.PLANNED, 0L), byStatus.getOrDefault(ActionStatus.CANCELLED, 0L), overdue));
        var list = new StringBuilder();
        for (var action : actions) {
            if (!list.isEmpty()) {
                list.append('\n');
            }
            list.append("- ").append(message("report.memo.followUp.action", action.actionText(),
                    message("decision.action.status." + action.status().name()).toLowerCase(CommitteeMemos.SWEDISH),
                    action.ownerName(), DATE.format(action.deadline())));
            if (action.overdue()) {
                list.append(' ').append(message("report.memo.followUp.overdue"));
            }
        }
        paragraphs.add(list.toString());
        return List.copyOf(paragraphs);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, CommitteeMemos.SWEDISH);
    }
}
