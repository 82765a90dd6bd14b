package se.delaktig.interview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.round.Round;
import se.delaktig.round.Stage;

/** Which rounds' completed interviews the process lead has opened for reading in the whole unit. */
@Component
class ReadingOpenings {

    private final JdbcClient jdbc;

    ReadingOpenings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opened by the process lead; a closed round's free text is shredded, so there is nothing left to keep back. */
    boolean isOpen(Round round) {
        return round.stage() == Stage.CLOSED || jdbc.sql("select exists (select 1 from interview_reading_opened where round_id = ?)")
                .param(round.id()).query(Boolean.class).single();
    }

    /** Opens the round; true if it was not open before. */
    boolean open(long roundId, String username) {
        return jdbc.sql("insert into interview_reading_opened (round_id, opened_by) values (?, ?) on conflict do nothing")
                .params(roundId, username).update() > 0;
    }

    java.util.Optional<java.time.Instant> openedAt(long roundId) {
        return jdbc.sql("select opened_at from interview_reading_opened where round_id = ?").param(roundId)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
    }
}
