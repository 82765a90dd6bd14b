package se.delaktig;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.round.Stage;

/**
 * Puts a test's round at a step directly. The round page shows a step's links only once the round
 * has come to that step, while several worlds are built at planning (so that their interviews can
 * still change); a test that reaches a page through the round page first puts the round at the
 * page's step, and back afterwards so the rest of the test runs as it was written.
 */
@Component
public class RoundSteps {

    private final JdbcClient jdbc;

    RoundSteps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Puts the round at the step and returns the step it was at, to put it back afterwards. */
    public Stage put(long roundId, Stage stage) {
        var before = Stage.valueOf(jdbc.sql("select stage from round where id = ?").param(roundId).query(String.class).single());
        jdbc.sql("update round set stage = ? where id = ?").params(stage.name(), roundId).update();
        return before;
    }
}
