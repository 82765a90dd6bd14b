package se.delaktig.seminar;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.InterviewedRound;

/**
 * {@link InterviewedRound} (three completed interviews) with an analysis to hold a seminar on: coded
 * segments, two approved quotes and one still a candidate. Segments and quotes are inserted as rows,
 * as the coding and quote pages leave them (the quote approval UI is built separately).
 *
 * <p>In the area "kontakt": "Byte av socialsekreterare" covers two of the three children (two segments
 * of the first child, one of the second), "Tid och plats för möten" one child, "Vem som är med" none.
 * In "delaktighet": "Blir lyssnad på" one child.
 */
@Component
public class AnalysedRound {

    public static final String CHANGED = "Byte av socialsekreterare";
    public static final String TIME_AND_PLACE = "Tid och plats för möten";
    public static final String WHO = "Vem som är med";
    public static final String LISTENED = "Blir lyssnad på";
    public static final String QUOTE_CHANGED = "Jag har haft tre olika socialsekreterare på ett år.";
    public static final String QUOTE_PLACE = "Det var bra att träffas på fritidsgården.";
    public static final String QUOTE_WHO = "Det var skönt att mamma fick vara med.";
    public static final String CANDIDATE = "Utkast som ännu inte är avidentifierat";

    public record Analysed(InterviewedRound.Created round, Map<String, Long> codes, long quoteChanged, long quotePlace,
                           long quoteWho, long candidate, long changedWorkerQuestion) {

        public long roundId() {
            return round.roundId();
        }

        public TestFixtures.Org org() {
            return round.org();
        }
    }

    private final InterviewedRound interviewedRound;
    private final Codebooks codebooks;
    private final JdbcClient jdbc;

    AnalysedRound(InterviewedRound interviewedRound, Codebooks codebooks, JdbcClient jdbc) {
        this.interviewedRound = interviewedRound;
        this.codebooks = codebooks;
        this.jdbc = jdbc;
    }

    public Analysed create() {
        var round = interviewedRound.create();
        var roundId = round.roundId();
        var codes = new HashMap<String, Long>();
        TestFixtures.as(round.org().processLead(), () -> codebooks.codes(roundId)).forEach(c -> codes.put(c.name(), c.id()));
        var interviews = jdbc.sql("select id, participant_id from interview where round_id = ? and status = 'COMPLETE' order by id")
                .param(roundId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        segment(roundId, codes.get(CHANGED), interviews.get(0), 0);
        segment(roundId, codes.get(CHANGED), interviews.get(0), 10);
        segment(roundId, codes.get(CHANGED), interviews.get(1), 0);
        segment(roundId, codes.get(TIME_AND_PLACE), interviews.get(0), 20);
        segment(roundId, codes.get(LISTENED), interviews.get(2), 0);
        var quoteChanged = quote(roundId, codes.get(CHANGED), interviews.get(0), 0, "APPROVED", QUOTE_CHANGED);
        var quotePlace = quote(roundId, codes.get(TIME_AND_PLACE), interviews.get(0), 20, "APPROVED", QUOTE_PLACE);
        var quoteWho = quote(roundId, codes.get(WHO), interviews.get(1), 30, "APPROVED", QUOTE_WHO);
        var candidate = quote(roundId, codes.get(CHANGED), interviews.get(1), 0, "CANDIDATE", CANDIDATE);
        var question = jdbc.sql("""
                select q.id from guide_question q join guide_area a on a.id = q.area_id join round r on r.guide_id = a.guide_id
                where r.id = ? and q.question_key = ?""")
                .params(roundId, InterviewedRound.CHANGED_WORKER).query(Long.class).single();
        return new Analysed(round, Map.copyOf(codes), quoteChanged, quotePlace, quoteWho, candidate, question);
    }

    private void segment(long roundId, long codeId, long[] interview, int start) {
        jdbc.sql("""
                insert into coded_segment (round_id, code_id, interview_id, participant_id, kind, start_offset, end_offset, excerpt, coded_by)
                values (?, ?, ?, ?, 'NOTES', ?, ?, ?, 'test')""")
                .params(roundId, codeId, interview[0], interview[1], start, start + 5, new byte[] {1, 2, 3}).update();
    }

    private long quote(long roundId, long codeId, long[] interview, int start, String status, String text) {
        var approved = status.equals("APPROVED");
        return jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, start_offset, end_offset, draft,
                                   approved_text, status, created_by, approved_by, approved_at)
                values (?, ?, ?, ?, 'NOTES', ?, ?, ?, ?, ?, 'test', ?, case when ? then now() end) returning id""")
                .params(roundId, codeId, interview[0], interview[1], start, start + 5,
                        approved ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        approved ? text : null, status, approved ? "test" : null, approved)
                .query(Long.class).single();
    }
}
