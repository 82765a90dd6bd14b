package se.delaktig.feedback;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.round.ProgressItem;
import se.delaktig.round.ProgressItem.State;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.RoundProgressContributor;
import se.delaktig.round.Stage;

/** The feedback's part of the round's checklist: not begun, a draft, or approved for the children. */
@Component
@Order(60)
@Transactional(readOnly = true)
class FeedbackProgress implements RoundProgressContributor {

    private final JdbcClient jdbc;

    FeedbackProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        if (stage != Stage.FEEDBACK) {
            return List.of();
        }
        var approved = jdbc.sql("select approved_version is not null from feedback where round_id = ?")
                .param(round.id()).query(Boolean.class).optional();
        var state = approved.isEmpty() ? State.NOT_STARTED : approved.get() ? State.DONE : State.STARTED;
        var item = ProgressItem.of("feedback", stage, "guide.item.feedback." + state.name(), state, true)
                .withLink("feedback.link", "/rounds/" + round.id() + "/feedback");
        return List.of(state == State.DONE ? item : item.withAction("guide.action.feedback"));
    }
}
