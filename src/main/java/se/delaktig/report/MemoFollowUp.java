package se.delaktig.report;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;

/**
 * The memo's account of the unit's previous round: the one place the prefill asks what became of
 * the last round's actions. Today it says what is known – whether the unit had an earlier round,
 * and which – and nothing it cannot know.
 */
@Component
public class MemoFollowUp {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", CommitteeMemos.SWEDISH);

    private final RoundService rounds;
    private final MessageSource messages;

    MemoFollowUp(RoundService rounds, MessageSource messages) {
        this.rounds = rounds;
        this.messages = messages;
    }

    /**
     * The paragraphs (plain memo text, see {@link MemoText}) on the previous round's actions, in Swedish.
     * The earlier round is the latest round of the same unit that started before this one.
     */
    public List<String> previousRoundActions(Round round) {
        var previous = rounds.visible().stream()
                .filter(r -> r.unitId() == round.unitId() && !r.id().equals(round.id()))
                .filter(r -> r.periodStart().isBefore(round.periodStart()))
                .max(Comparator.comparing(Round::periodStart));
        if (previous.isEmpty()) {
            return List.of(message("report.memo.followUp.first"));
        }
        var earlier = previous.get();
        return List.of(message("report.memo.followUp.previous", earlier.title(), DATE.format(earlier.periodStart()),
                DATE.format(earlier.periodEnd())));
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, CommitteeMemos.SWEDISH);
    }
}
