package se.delaktig.interview;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.round.RoundService;

/**
 * The analysable part of a round's completed interviews: structured answers only. Free text stays
 * behind; drafts are not counted.
 */
@Service
@Transactional(readOnly = true)
public class InterviewResults {

    /** One structured answer of one completed interview. */
    public record StructuredAnswer(long interviewId, long participantId, long questionId, String value) {
    }

    /** The completed interviews of a round and their structured answers. */
    public record RoundResults(long roundId, int completedInterviews, List<StructuredAnswer> answers) {
    }

    private final JdbcClient jdbc;
    private final RoundService rounds;

    InterviewResults(JdbcClient jdbc, RoundService rounds) {
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    /** Structured answers of the round's completed interviews; a round the person may not see is a 404. */
    public RoundResults completed(long roundId) {
        rounds.get(roundId);
        var completed = jdbc.sql("""
                select count(*) from interview where round_id = ? and status = 'COMPLETE'""")
                .param(roundId).query(Integer.class).single();
        var answers = jdbc.sql("""
                select a.interview_id, i.participant_id, a.question_id, a.value
                from answer a join interview i on i.id = a.interview_id
                where i.round_id = ? and i.status = 'COMPLETE' and a.value is not null
                order by a.question_id, i.participant_id""")
                .param(roundId)
                .query((rs, n) -> new StructuredAnswer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .list();
        return new RoundResults(roundId, completed, answers);
    }
}
