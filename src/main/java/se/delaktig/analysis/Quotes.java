package se.delaktig.analysis;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotes of a round: segments marked as candidates, checked for anything that could identify
 * someone, edited and approved. Only {@link #approved(long)} leaves the analysis: the memo, the
 * feedback, the seminar agenda and every export read approved quotes and nothing else.
 */
@Service
@Transactional
public class Quotes {

    private final JdbcClient jdbc;
    private final Codebooks codebooks;

    Quotes(JdbcClient jdbc, Codebooks codebooks) {
        this.jdbc = jdbc;
        this.codebooks = codebooks;
    }

    /** The round's approved quotes, in codebook order, for anyone who may read the round's analysis. */
    public List<ApprovedQuote> approved(long roundId) {
        var round = codebooks.readable(roundId);
        return jdbc.sql("""
                        select q.id, q.round_id, q.code_id, c.name as code_name, coalesce(c.area_code, p.area_code) as area_code,
                               q.approved_text, q.approved_by, q.approved_at
                        from quote q join code c on c.id = q.code_id left join code p on p.id = c.parent_id
                        where q.round_id = ? and q.status = 'APPROVED'
                        order by coalesce(p.position, c.position), c.position, q.approved_at, q.id""")
                .param(round.id())
                .query((rs, n) -> new ApprovedQuote(rs.getLong("id"), rs.getLong("round_id"), rs.getLong("code_id"),
                        rs.getString("code_name"), rs.getString("area_code"), rs.getString("approved_text"),
                        rs.getString("approved_by"), rs.getTimestamp("approved_at").toInstant()))
                .list();
    }
}
