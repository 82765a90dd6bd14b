package se.delaktig.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of one horizontal bar chart for the PDF, worked out here so the template only places
 * shapes (as the counts page's charts do). Whole-round counts only.
 */
public record MemoChart(int width, int height, List<Bar> bars, String description) {

    static final int WIDTH = 460;
    static final int LABEL_AREA = 150;
    static final int BAR_AREA = 260;
    static final int ROW = 24;

    /** One bar: its label to the left, its count to its right. */
    public record Bar(String label, int count, int textY, int barY, int barWidth, int valueX) {
    }

    static MemoChart of(MemoFacts.Question question) {
        var labels = new ArrayList<String>();
        var counts = new ArrayList<Integer>();
        question.cells().forEach(c -> {
            labels.add(shorten(c.label()));
            counts.add(c.count());
        });
        if (question.unanswered() > 0) {
            labels.add("Inget svar");
            counts.add(question.unanswered());
        }
        int max = Math.max(1, counts.stream().mapToInt(Integer::intValue).max().orElse(1));
        var bars = new ArrayList<Bar>();
        var description = new ArrayList<String>();
        for (int i = 0; i < labels.size(); i++) {
            int top = i * ROW;
            int width = counts.get(i) == 0 ? 0 : Math.max(2, counts.get(i) * BAR_AREA / max);
            bars.add(new Bar(labels.get(i), counts.get(i), top + 16, top + 5, width, LABEL_AREA + width + 6));
            description.add(labels.get(i) + ": " + counts.get(i));
        }
        return new MemoChart(WIDTH, Math.max(ROW, labels.size() * ROW), List.copyOf(bars), String.join(", ", description));
    }

    private static String shorten(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "…";
    }
}
