package se.delaktig.report;

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

/** The report's part of the round's checklist: whether the memo to the committee has been saved. */
@Component
@Order(40)
@Transactional(readOnly = true)
class MemoProgress implements RoundProgressContributor {

    private final JdbcClient jdbc;

    MemoProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        if (stage != Stage.REPORT) {
            return List.of();
        }
        int versions = jdbc.sql("select coalesce(max(number), 0) from memo_version where round_id = ?")
                .param(round.id()).query(Integer.class).single();
        var item = versions == 0
                ? ProgressItem.of("memo", stage, "guide.item.memo.none", State.NOT_STARTED, true).withAction("guide.action.memo")
                : ProgressItem.of("memo", stage, "guide.item.memo", State.DONE, true, versions);
        return List.of(item.withLink("memo.link", "/rounds/" + round.id() + "/memo"));
    }
}
