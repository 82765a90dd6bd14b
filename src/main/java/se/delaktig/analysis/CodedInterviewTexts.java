package se.delaktig.analysis;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.CodedTexts;

/**
 * Tells the interview module which of its texts coded spans point into (a quote is always marked
 * from a coded span, so its text counts as coded too).
 */
@Component
class CodedInterviewTexts implements CodedTexts {

    private final JdbcClient jdbc;

    CodedInterviewTexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isCoded(long interviewId, CodableText.Kind kind, Long questionId, String part) {
        return jdbc.sql("""
                select exists (select 1 from coded_segment where interview_id = :i and kind = :k
                               and coalesce(question_id, 0) = coalesce(cast(:q as bigint), 0) and coalesce(part, '') = coalesce(:p, ''))
                    or exists (select 1 from blind_segment where interview_id = :i and kind = :k
                               and coalesce(question_id, 0) = coalesce(cast(:q as bigint), 0) and coalesce(part, '') = coalesce(:p, ''))""")
                .param("i", interviewId).param("k", kind.name()).param("q", questionId).param("p", part)
                .query(Boolean.class).single();
    }
}
