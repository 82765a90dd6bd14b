package se.delaktig.analysis.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import se.delaktig.analysis.CountSentences;
import se.delaktig.analysis.RoundCounts.QuestionCounts;

/**
 * The geometry of one horizontal bar chart, worked out here so the template only places shapes.
 * Only whole-round counts are drawn: breakdowns, where small numbers are suppressed, get no chart.
 */
record BarChart(int width, int height, List<Bar> bars) {

    static final int WIDTH = 480;
    static final int BAR_AREA = 400;
    static final int ROW = 40;

    /** One bar: its label sits above it, its count to its right. */
    record Bar(String label, int count, int labelY, int barY, int barWidth, int valueX) {
    }

    static BarChart of(QuestionCounts question, Locale locale) {
        var labels = new ArrayList<String>();
        var counts = new ArrayList<Integer>();
        question.distribution().forEach(c -> {
            labels.add(c.label());
            counts.add(c.count());
        });
        if (question.unanswered() > 0) {
            labels.add(CountSentences.unansweredLabel(locale));
            counts.add(question.unanswered());
        }
        int max = Math.max(1, counts.stream().mapToInt(Integer::intValue).max().orElse(1));
        var bars = new ArrayList<Bar>();
        for (int i = 0; i < labels.size(); i++) {
            int top = i * ROW;
            int width = counts.get(i) == 0 ? 0 : Math.max(2, counts.get(i) * BAR_AREA / max);
            bars.add(new Bar(labels.get(i), counts.get(i), top + 14, top + 20, width, width + 6));
        }
        return new BarChart(WIDTH, Math.max(ROW, labels.size() * ROW), List.copyOf(bars));
    }
}
