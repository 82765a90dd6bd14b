package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import se.delaktig.privacy.SuppressionAudit;

/**
 * The one rule for small numbers in breakdowns (by age band, gender, type of contact). Every path
 * that shows a breakdown – page, API, trends, exports – goes through here, so a number is hidden or
 * shown the same everywhere. The rule, stated in docs/privacy.md ("Small numbers: the rule"):
 * <ol>
 *   <li>every group of a property is listed, whether it has children or not, so the list of groups
 *       tells nothing;</li>
 *   <li>a group size or a cell below the threshold, 0 included, reads "färre än 5"; nothing else is
 *       ever hidden, so that text is always true;</li>
 *   <li>the whole breakdown (every question at once, since they share the group sizes) is attacked
 *       by {@link SuppressionAudit}; a question whose hidden cells a reader could work out is not
 *       broken down at all, and if the group sizes themselves could be worked out, the property is
 *       not broken down for any question.</li>
 * </ol>
 * Whole-round counts are shown as they are, as memos write them.
 */
public final class SmallNumbers {

    /** The threshold of a municipality that has not chosen its own. */
    public static final int DEFAULT_THRESHOLD = 5;

    private SmallNumbers() {
    }

    /** One number as it may be shown: {@code count} is null when it is suppressed. */
    public record Shown(Integer count, boolean suppressed, String text) {

        static Shown of(int count, boolean suppressed, int threshold, Locale locale) {
            if (suppressed && count >= threshold) {
                // The text promises "fewer than"; the rule never hides a larger number.
                throw new IllegalArgumentException("A number of " + threshold + " or more is never hidden");
            }
            return suppressed ? new Shown(null, true, fewerThan(threshold, locale))
                    : new Shown(count, false, Integer.toString(count));
        }
    }

    /**
     * One question's part of a breakdown: {@code cells[row][group]}. {@code multipleChoice}: a child
     * may be in several rows; then {@code unansweredRow} is the row of children without an answer
     * (-1 if none). Otherwise every child is in exactly one row.
     */
    public record Question(int[][] cells, boolean multipleChoice, int unansweredRow) {
    }

    /**
     * Which numbers of one breakdown are hidden. {@code withheld}: the property is not broken down
     * at all; {@code questionWithheld[q]}: that question is not.
     */
    public record Decision(boolean withheld, boolean[] hiddenSizes, List<boolean[][]> hiddenCells,
                           boolean[] questionWithheld) {

        public boolean shows(int question) {
            return !withheld && !questionWithheld[question];
        }

        public boolean groupTotal(int group) {
            return hiddenSizes[group];
        }

        public boolean cell(int question, int row, int group) {
            return hiddenCells.get(question)[row][group];
        }
    }

    /** "färre än 5" / "fewer than 5": what a suppressed cell reads. */
    public static String fewerThan(int threshold, Locale locale) {
        return (NumberWords.isEnglish(locale) ? "fewer than " : "färre än ") + threshold;
    }

    /**
     * Suppression for one property of the children over every question of a round.
     *
     * @param sizes     the number of children in each listed group (they add up to the round)
     * @param questions the questions' cells, columns in the order of {@code sizes}
     * @param threshold the municipality's threshold; numbers below it are hidden
     */
    public static Decision breakdown(int[] sizes, List<Question> questions, int threshold) {
        var hiddenSizes = new boolean[sizes.length];
        for (int g = 0; g < sizes.length; g++) {
            hiddenSizes[g] = sizes[g] < threshold;
        }
        var hiddenCells = new ArrayList<boolean[][]>();
        for (var q : questions) {
            var hidden = new boolean[q.cells().length][sizes.length];
            for (int r = 0; r < hidden.length; r++) {
                for (int g = 0; g < sizes.length; g++) {
                    hidden[r][g] = q.cells()[r][g] < threshold;
                }
            }
            hiddenCells.add(hidden);
        }
        var withheldQuestion = new boolean[questions.size()];
        // Withholding a question only takes knowledge away from the reader, so a question that was
        // safe stays safe; two rounds settle it.
        for (int attempt = 0; attempt < 2; attempt++) {
            var kept = new ArrayList<Integer>();
            var tables = new ArrayList<SuppressionAudit.Table>();
            for (int i = 0; i < questions.size(); i++) {
                if (!withheldQuestion[i]) {
                    kept.add(i);
                    var q = questions.get(i);
                    tables.add(new SuppressionAudit.Table(q.cells(), hiddenCells.get(i), q.multipleChoice(),
                            q.unansweredRow()));
                }
            }
            var verdict = SuppressionAudit.audit(sizes, hiddenSizes, tables, threshold);
            if (verdict.safe()) {
                return new Decision(false, hiddenSizes, hiddenCells, withheldQuestion);
            }
            boolean any = false;
            for (int k = 0; k < kept.size(); k++) {
                if (!verdict.tablesSafe()[k]) {
                    withheldQuestion[kept.get(k)] = true;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        var none = new boolean[questions.size()];
        Arrays.fill(none, true);
        return new Decision(true, hiddenSizes, hiddenCells, none);
    }
}
