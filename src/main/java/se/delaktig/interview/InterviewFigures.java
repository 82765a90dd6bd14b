package se.delaktig.interview;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures about a round's interviews for the checklists of the modules above: how many are
 * completed, and which answers hold the child's own words (for how far the coding has come).
 * Nothing is decrypted: blank words are never stored, so a stored value is a written one. For a
 * round the caller has already been allowed to see.
 */
@Service
@Transactional(readOnly = true)
public class InterviewFigures {

    /** One answer with the child's words. */
    public record Answer(long interviewId, long questionId) {
    }

    private final JdbcClient jdbc;

    InterviewFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int completed(long roundId) {
        return jdbc.sql("select count(*) from interview where round_id = ? and status = 'COMPLETE'")
                .param(roundId).query(Integer.class).single();
    }

    /** The answers of the round's completed interviews that hold the child's own words. */
    public List<Answer> childWordsAnswers(long roundId) {
        return jdbc.sql("""
                select a.interview_id, a.question_id from answer a join interview i on i.id = a.interview_id
                where i.round_id = ? and i.status = 'COMPLETE' and a.child_words is not null""")
                .param(roundId).query((rs, n) -> new Answer(rs.getLong(1), rs.getLong(2))).list();
    }
}
