package se.delaktig.seminar;

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

/** The seminar's part of the round's checklist: whether it is recorded as held, and its proposals. */
@Component
@Order(30)
@Transactional(readOnly = true)
class SeminarProgress implements RoundProgressContributor {

    private final JdbcClient jdbc;

    SeminarProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        if (stage != Stage.SEMINAR) {
            return List.of();
        }
        var href = "/rounds/" + round.id() + "/seminar";
        var heldOn = jdbc.sql("select held_on from seminar where round_id = ?").param(round.id())
                .query(java.sql.Date.class).optional().map(java.sql.Date::toLocalDate);
        long proposals = jdbc.sql("select count(*) from seminar_proposal where round_id = ?").param(round.id())
                .query(Long.class).single();
        var held = heldOn.isPresent()
                ? ProgressItem.of("seminarHeld", stage, "guide.item.seminarHeld", State.DONE, true, heldOn.get().toString())
                : ProgressItem.of("seminarHeld", stage, "guide.item.seminarNotHeld", State.NOT_STARTED, true)
                        .withAction("guide.action.seminar");
        return List.of(held.withLink("round.results.seminar", href),
                ProgressItem.of("proposals", stage, "guide.item.proposals", proposals > 0 ? State.DONE : State.NOT_STARTED,
                        true, proposals).withLink(null, href));
    }
}
