package se.delaktig.interview;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.round.RoundService;

/**
 * The analysable part of a round's completed interviews: structured answers only. Free text stays
 * behind; drafts are not counted.
 */
@Service
@Transactional(readOnly = true)
public class InterviewResults {

    /** Stands in for a free-text answer: it counts as answered, and its words never leave this module. */
    public static final String ANSWERED = "ANSWERED";

    /** One structured answer of one completed interview. */
    public record StructuredAnswer(long interviewId, long participantId, long questionId, String value) {
    }

    /** The completed interviews of a round and their structured answers. */
    public record RoundResults(long roundId, int completedInterviews, List<StructuredAnswer> answers) {
    }

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final Guides guides;

    InterviewResults(JdbcClient jdbc, RoundService rounds, Guides guides) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.guides = guides;
    }

    /** Structured answers of the round's completed interviews; a round the person may not see is a 404. */
    public RoundResults completed(long roundId) {
        var round = rounds.get(roundId);
        var freeText = guides.find(round.guideId()).orElseThrow().questions()
                .filter(q -> q.type() == QuestionType.FREE_TEXT).map(Question::id).collect(Collectors.toSet());
        var completed = jdbc.sql("""
                select count(*) from interview where round_id = ? and status = 'COMPLETE'""")
                .param(roundId).query(Integer.class).single();
        var answers = jdbc.sql("""
                select a.interview_id, i.participant_id, a.question_id, a.value, a.child_words is not null as has_words
                from answer a join interview i on i.id = a.interview_id
                where i.round_id = ? and i.status = 'COMPLETE' and (a.value is not null or a.child_words is not null)
                order by a.question_id, i.participant_id""")
                .param(roundId)
                .query((rs, n) -> {
                    var questionId = rs.getLong(3);
                    var value = freeText.contains(questionId) ? (rs.getBoolean(5) ? ANSWERED : null) : rs.getString(4);
                    return new StructuredAnswer(rs.getLong(1), rs.getLong(2), questionId, value);
                })
                .list().stream().filter(a -> a.value() != null).toList();
        return new RoundResults(roundId, completed, answers);
    }

    /**
     * The participants whose interview in the round is completed, also those who answered nothing.
     * Breakdowns need them: a group's size counts children, not answers.
     */
    public List<Long> completedParticipants(long roundId) {
        rounds.get(roundId);
        return jdbc.sql("select distinct participant_id from interview where round_id = ? and status = 'COMPLETE' order by 1")
                .param(roundId).query(Long.class).list();
    }
}
