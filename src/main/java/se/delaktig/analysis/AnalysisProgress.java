package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.interview.InterviewFigures;
import se.delaktig.round.ProgressItem;
import se.delaktig.round.ProgressItem.State;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.RoundProgressContributor;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * The analysis's part of the round's checklist: the counts, the comparison over the years, the
 * codebook, how many of the children's answers are coded, double coding, quotes and the matrix,
 * each with its page. Counts only; no text is decrypted, so showing the checklist audits no read.
 */
@Component
@Order(10)
@Transactional(readOnly = true)
class AnalysisProgress implements RoundProgressContributor {

    private final JdbcClient jdbc;
    private final InterviewFigures interviews;
    private final RoundService rounds;
    private final Quotes quotes;

    AnalysisProgress(JdbcClient jdbc, InterviewFigures interviews, RoundService rounds, Quotes quotes) {
        this.quotes = quotes;
        this.jdbc = jdbc;
        this.interviews = interviews;
        this.rounds = rounds;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        if (stage != Stage.ANALYSIS) {
            return List.of();
        }
        var id = round.id();
        var items = new ArrayList<ProgressItem>();
        int completed = interviews.completed(id);
        items.add(ProgressItem.of("counts", stage, "guide.item.counts", completed > 0 ? State.DONE : State.NOT_STARTED,
                false, completed).withLink("round.results.counts", "/rounds/" + id + "/counts"));
        long comparable = rounds.visible().stream()
                .filter(r -> r.unitId() == round.unitId() && !Stage.ANALYSIS.isAfter(r.stage())).count();
        items.add(ProgressItem.of("trends", stage, "guide.item.trends", State.INFO, false, comparable)
                .withLink("trends.link", "/units/" + round.unitId() + "/trends"));

        long codes = jdbc.sql("select count(*) from code where round_id = ? and status = 'ACTIVE'")
                .param(id).query(Long.class).single();
        items.add(ProgressItem.of("codebook", stage, "guide.item.codebook", codes > 0 ? State.DONE : State.NOT_STARTED,
                false, codes).withLink("analysis.codebook.link", "/rounds/" + id + "/codebook"));

        var toCode = new HashSet<>(interviews.childWordsAnswers(id));
        var coded = new HashSet<>(jdbc.sql("""
                select distinct interview_id, question_id from coded_segment
                where round_id = ? and kind = 'CHILD_WORDS' and question_id is not null""")
                .param(id).query((rs, n) -> new InterviewFigures.Answer(rs.getLong(1), rs.getLong(2))).list());
        coded.retainAll(toCode);
        var coding = ProgressItem.of("coding", stage, "guide.item.coding", ProgressItem.stateOf(coded.size(), toCode.size()),
                true, coded.size(), toCode.size()).withLink("analysis.coding.link", "/rounds/" + id + "/coding");
        items.add(coded.size() < toCode.size() ? coding.withAction("guide.action.code") : coding);

        var doubles = jdbc.sql("""
                select count(*) as started, count(*) filter (where adopted_at is not null
                       or (first_done_at is not null and second_done_at is not null)) as finished
                from double_coding where round_id = ?""")
                .param(id).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        var doubleState = doubles[0] == 0 ? State.NOT_STARTED : doubles[1] > 0 ? State.DONE : State.STARTED;
        items.add(ProgressItem.of("doubleCoding", stage, "guide.item.doubleCoding." + doubleState.name(), doubleState, false)
                .withLink("agreement.link", "/rounds/" + id + "/double-coding"));

        var quotes = this.quotes.counts(id);
        var quoteState = quotes.candidates() > 0 ? State.STARTED : quotes.approved() > 0 ? State.DONE : State.NOT_STARTED;
        items.add(ProgressItem.of("quotes", stage, "guide.item.quotes", quoteState, false, quotes.approved(), quotes.candidates())
                .withLink("quote.link", "/rounds/" + id + "/quotes"));

        long cells = jdbc.sql("select count(*) from matrix_cell where round_id = ? and team_text is not null")
                .param(id).query(Long.class).single();
        items.add(ProgressItem.of("matrix", stage, "guide.item.matrix", cells > 0 ? State.STARTED : State.NOT_STARTED,
                false, cells).withLink("matrix.link", "/rounds/" + id + "/matrix"));
        return items;
    }
}
