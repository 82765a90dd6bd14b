package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for small numbers in breakdowns (by age band, gender, type of contact). Every path
 * that shows a breakdown – page, API, exports – goes through here, so a suppressed cell is
 * suppressed everywhere.
 *
 * <p>A breakdown is a table: one row per answer, one column per group, and the size of each group
 * (its n). The row totals (the whole-round distribution) and the whole-round total are published
 * unsuppressed, as memos write them. So:
 * <ol>
 *   <li>a cell below the municipality's threshold is suppressed, and so is a group's n below it;</li>
 *   <li>in every line whose total a reader knows – a row (its whole-round count is shown), a column
 *       (the group's n, when it is shown, or the other cells when it is not) and the line of group
 *       sizes (they add up to the whole-round total) – exactly one suppressed entry could be worked
 *       out by subtraction, so the next smallest entry of that line is suppressed too; and if the
 *       suppressed entries of a line add up to 0, each is known to be 0 (counts are never negative),
 *       so the smallest shown entry above 0 is suppressed too;</li>
 *   <li>this repeats until no line needs more.</li>
 * </ol>
 * This is the usual "at least two per line" rule of official statistics. Zero is a small number too:
 * "no girl answered yes" tells as much as "one girl did".
 */
public final class SmallNumbers {

    /** The threshold of a municipality that has not chosen its own. */
    public static final int DEFAULT_THRESHOLD = 5;

    private SmallNumbers() {
    }

    /** One number as it may be shown: {@code count} is null when it is suppressed. */
    public record Shown(Integer count, boolean suppressed, String text) {

        static Shown of(int count, boolean suppressed, int threshold, Locale locale) {
            return suppressed ? new Shown(null, true, fewerThan(threshold, locale))
                    : new Shown(count, false, Integer.toString(count));
        }
    }

    /** Which cells and which group sizes of one breakdown must be suppressed. */
    public record Decision(boolean[][] cells, boolean[] groupTotals) {

        public boolean cell(int row, int group) {
            return cells[row][group];
        }

        public boolean groupTotal(int group) {
            return groupTotals[group];
        }
    }

    /** "färre än 5" / "fewer than 5": what a suppressed cell reads. */
    public static String fewerThan(int threshold, Locale locale) {
        return (NumberWords.isEnglish(locale) ? "fewer than " : "färre än ") + threshold;
    }

    /**
     * Suppression for one line whose total is known (and shown): cells under the threshold, and if
     * that leaves exactly one, the next smallest too.
     */
    public static List<Boolean> line(List<Integer> counts, int threshold) {
        var hidden = new boolean[counts.size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = counts.get(i) < threshold;
        }
        var values = counts.stream().mapToInt(Integer::intValue).toArray();
        completeLine(values, hidden);
        var result = new ArrayList<Boolean>();
        for (boolean h : hidden) {
            result.add(h);
        }
        return List.copyOf(result);
    }

    /**
     * Suppression for a whole breakdown.
     *
     * @param cells       {@code cells[row][group]}: children of the group who gave the row's answer
     * @param groupTotals the n of each group
     * @param threshold   the municipality's threshold; counts below it are suppressed
     */
    public static Decision breakdown(int[][] cells, int[] groupTotals, int threshold) {
        int rows = cells.length;
        int groups = groupTotals.length;
        var hiddenCells = new boolean[rows][groups];
        var hiddenTotals = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            hiddenTotals[g] = groupTotals[g] < threshold;
            for (int r = 0; r < rows; r++) {
                hiddenCells[r][g] = cells[r][g] < threshold;
            }
        }
        var counted = java.util.stream.IntStream.range(0, rows)
                .filter(r -> java.util.Arrays.stream(cells[r]).sum() > 0).toArray();
        boolean changed = true;
        while (changed) {
            changed = false;
            // Rows: their whole-round count is shown.
            for (int r = 0; r < rows; r++) {
                changed |= completeLine(cells[r], hiddenCells[r]);
            }
            // Columns: the cells and the group's n belong together (the n is their sum, or close to it).
            // A row of an answer nobody gave is 0 everywhere by its published total, so it hides nothing.
            for (int g = 0; g < groups; g++) {
                var values = new int[counted.length + 1];
                var hidden = new boolean[counted.length + 1];
                for (int i = 0; i < counted.length; i++) {
                    values[i] = cells[counted[i]][g];
                    hidden[i] = hiddenCells[counted[i]][g];
                }
                values[counted.length] = groupTotals[g];
                hidden[counted.length] = hiddenTotals[g];
                if (completeLine(values, hidden)) {
                    changed = true;
                    for (int i = 0; i < counted.length; i++) {
                        hiddenCells[counted[i]][g] = hidden[i];
                    }
                    hiddenTotals[g] = hidden[counted.length];
                }
            }
            // The group sizes: they add up to the whole-round total, which is shown.
            changed |= completeLine(groupTotals, hiddenTotals);
        }
        if (!new Audit(cells, groupTotals, hiddenCells, hiddenTotals).safe()) {
            // The line rules can leave a number a reader pins down from bounds (counts are never
            // negative) across several lines. Then nothing of the breakdown is shown but its rows'
            // whole-round counts, which are published anyway.
            for (int g = 0; g < groups; g++) {
                hiddenTotals[g] = true;
                for (int r = 0; r < rows; r++) {
                    hiddenCells[r][g] = true;
                }
            }
        }
        return new Decision(hiddenCells, hiddenTotals);
    }

    /**
     * Checks a decision the way a reader would attack it: every table of whole, non-negative numbers
     * that fits the shown cells, the shown group sizes and the rows' whole-round counts. A hidden
     * number is safe if at least two of those tables differ in it. The search is bounded; a table
     * too large to search counts as unsafe.
     */
    private static final class Audit {

        private static final int BUDGET = 500_000;

        private final int[][] cells;
        private final int[] sizes;
        private final boolean[][] hiddenCells;
        private final boolean[] hiddenSizes;
        private final int[][] guess;
        private final int[][] firstCells;
        private final int[] firstSizes;
        private final boolean[][] variedCells;
        private final boolean[] variedSizes;
        private boolean found;
        private int steps;

        Audit(int[][] cells, int[] sizes, boolean[][] hiddenCells, boolean[] hiddenSizes) {
            this.cells = cells;
            this.sizes = sizes;
            this.hiddenCells = hiddenCells;
            this.hiddenSizes = hiddenSizes;
            int rows = cells.length;
            int groups = sizes.length;
            this.guess = new int[rows][groups];
            this.firstCells = new int[rows][groups];
            this.firstSizes = new int[groups];
            this.variedCells = new boolean[rows][groups];
            this.variedSizes = new boolean[groups];
        }

        boolean safe() {
            if (!fillRow(0)) {
                return false;
            }
            for (int g = 0; g < sizes.length; g++) {
                if (hiddenSizes[g] && !variedSizes[g]) {
                    return false;
                }
                for (int r = 0; r < cells.length; r++) {
                    // An answer nobody gave is 0 everywhere by its published count: nothing to protect.
                    if (hiddenCells[r][g] && !variedCells[r][g] && java.util.Arrays.stream(cells[r]).sum() > 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Returns false when the search ran out of budget. */
        private boolean fillRow(int r) {
            if (r == cells.length) {
                return record();
            }
            int remainder = 0;
            var hidden = new java.util.ArrayList<Integer>();
            for (int g = 0; g < sizes.length; g++) {
                if (hiddenCells[r][g]) {
                    remainder += cells[r][g];
                    hidden.add(g);
                }
                guess[r][g] = hiddenCells[r][g] ? 0 : cells[r][g];
            }
            return share(0, remainder, hidden, r);
        }

        private boolean share(int k, int left, java.util.List<Integer> hidden, int r) {
            if (++steps > BUDGET) {
                return false;
            }
            if (k == hidden.size()) {
                return left != 0 || fillRow(r + 1);
            }
            int g = hidden.get(k);
            for (int v = 0; v <= left; v++) {
                guess[r][g] = v;
                if (!hiddenSizes[g] && columnSoFar(g, r) > sizes[g]) {
                    break;
                }
                if (!share(k + 1, left - v, hidden, r)) {
                    return false;
                }
            }
            guess[r][g] = 0;
            return true;
        }

        private int columnSoFar(int g, int lastRow) {
            int sum = 0;
            for (int r = 0; r <= lastRow; r++) {
                sum += guess[r][g];
            }
            return sum;
        }

        private boolean record() {
            var columns = new int[sizes.length];
            for (int g = 0; g < sizes.length; g++) {
                columns[g] = columnSoFar(g, cells.length - 1);
                if (!hiddenSizes[g] && columns[g] != sizes[g]) {
                    return true;
                }
            }
            for (int g = 0; g < sizes.length; g++) {
                if (!found) {
                    firstSizes[g] = columns[g];
                } else if (firstSizes[g] != columns[g]) {
                    variedSizes[g] = true;
                }
                for (int r = 0; r < cells.length; r++) {
                    if (!found) {
                        firstCells[r][g] = guess[r][g];
                    } else if (firstCells[r][g] != guess[r][g]) {
                        variedCells[r][g] = true;
                    }
                }
            }
            found = true;
            return true;
        }
    }

    /**
     * Makes one line with a known total safe against subtraction. If exactly one entry is hidden, the
     * total minus the shown ones gives it back, so the smallest shown entry is hidden too. If the hidden
     * entries add up to 0, a reader knows every one of them is 0 (counts are never negative), so the
     * smallest shown entry above 0 is hidden too. Returns whether it hid anything.
     */
    private static boolean completeLine(int[] values, boolean[] hidden) {
        int hiddenCount = 0;
        int hiddenSum = 0;
        for (int i = 0; i < values.length; i++) {
            if (hidden[i]) {
                hiddenCount++;
                hiddenSum += values[i];
            }
        }
        if (hiddenCount == 0 || (hiddenCount >= 2 && hiddenSum > 0)) {
            return false;
        }
        boolean needPositive = hiddenCount >= 2;
        int smallest = -1;
        for (int i = 0; i < values.length; i++) {
            if (!hidden[i] && (!needPositive || values[i] > 0) && (smallest < 0 || values[i] < values[smallest])) {
                smallest = i;
            }
        }
        if (smallest < 0) {
            return false;
        }
        hidden[smallest] = true;
        return true;
    }
}
