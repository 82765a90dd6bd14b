package se.delaktig.analysis.web;

import java.util.ArrayList;
import java.util.List;

import se.delaktig.analysis.UnitTrends;
import se.delaktig.analysis.UnitTrends.QuestionTrend;

/**
 * The geometry of one trend chart: one horizontal bar per round, oldest first, for the share of the
 * question's main answer on a fixed 0–100 % scale, so years compare by length. Every bar carries its
 * round and its value as text; a round without a share (no such question that year, a suppressed
 * number) gets no bar but the same words as the table, so nothing is told by colour or absence alone.
 */
record TrendChart(int width, int height, List<Bar> bars) {

    static final int WIDTH = 480;
    static final int BAR_AREA = 380;
    static final int ROW = 40;

    /** One round: its label sits above the bar, the value to its right. */
    record Bar(String label, String value, int labelY, int barY, int barWidth, int valueX) {
    }

    static TrendChart of(QuestionTrend question, List<UnitTrends.RoundColumn> rounds) {
        var bars = new ArrayList<Bar>();
        for (int i = 0; i < rounds.size(); i++) {
            var answer = question.rounds().get(i);
            var share = answer.main();
            String value;
            int width = 0;
            if (answer.note() != null) {
                value = answer.note();
            } else if (share == null) {
                value = "–";
            } else if (share.percent() != null) {
                value = share.percent() + " %";
                width = share.percent() == 0 ? 0 : Math.max(2, share.percent() * BAR_AREA / 100);
            } else {
                value = share.count().text();
            }
            int top = i * ROW;
            bars.add(new Bar(rounds.get(i).title(), value, top + 14, top + 20, width, width + 6));
        }
        return new TrendChart(WIDTH, Math.max(ROW, bars.size() * ROW), List.copyOf(bars));
    }
}
