package se.delaktig.interview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.round.InterviewedChildren;

/** A child has been interviewed, for the round's consent rule, once an interview row exists for it. */
@Component
class InterviewedChildrenFromInterviews implements InterviewedChildren {

    private final JdbcClient jdbc;

    InterviewedChildrenFromInterviews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean hasInterview(long participantId) {
        return jdbc.sql("select exists (select 1 from interview where participant_id = ?)")
                .param(participantId).query(Boolean.class).single();
    }
}
