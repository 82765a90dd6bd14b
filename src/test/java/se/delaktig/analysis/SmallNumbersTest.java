package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SmallNumbersTest {

    @Test
    void aSuppressedCellReadsFewerThanTheThreshold() {
        assertThat(SmallNumbers.fewerThan(5, Locale.forLanguageTag("sv"))).isEqualTo("färre än 5");
        assertThat(SmallNumbers.fewerThan(3, Locale.ENGLISH)).isEqualTo("fewer than 3");
        var shown = SmallNumbers.Shown.of(2, true, 5, Locale.forLanguageTag("sv"));
        assertThat(shown.count()).isNull();
        assertThat(shown.suppressed()).isTrue();
        assertThat(shown.text()).isEqualTo("färre än 5").doesNotContain("2");
        assertThat(SmallNumbers.Shown.of(7, false, 5, Locale.ENGLISH)).isEqualTo(new SmallNumbers.Shown(7, false, "7"));
    }

    @Test
    void cellsBelowTheThresholdAreSuppressedAndZeroToo() {
        assertThat(SmallNumbers.line(List.of(9, 0, 6, 3), 5)).containsExactly(false, true, false, true);
        assertThat(SmallNumbers.line(List.of(5, 6, 7), 5)).containsExactly(false, false, false);
    }

    @Test
    void aLoneSuppressedCellTakesTheNextSmallestWithIt() {
        // 12 = 8 + 3 + ?: with only the 3 hidden, total minus the others gives it back.
        assertThat(SmallNumbers.line(List.of(8, 3, 6, 9), 5)).containsExactly(false, true, true, false);
    }

    @Test
    void aGroupBelowTheThresholdHasItsSizeSuppressed() {
        var decision = SmallNumbers.breakdown(new int[][] {{7, 2}, {6, 1}}, new int[] {13, 3}, 5);

        assertThat(decision.groupTotal(1)).isTrue();
        // The group sizes add up to the shown whole-round total, so the other size goes too.
        assertThat(decision.groupTotal(0)).isTrue();
        assertThat(decision.cell(0, 1)).isTrue();
        assertThat(decision.cell(1, 1)).isTrue();
    }

    @Test
    void subtractionRuleWorksAcrossRowsColumnsAndGroupSizes() {
        // Rows are answers (yes, no), columns groups; the row totals 16 and 14 are shown as whole-round counts.
        int[][] cells = {{8, 6, 2}, {7, 5, 2}};
        int[] sizes = {15, 11, 4};
        var decision = SmallNumbers.breakdown(cells, sizes, 5);

        assertThat(decision.cell(0, 2)).isTrue();
        assertThat(decision.cell(1, 2)).isTrue();
        assertThat(decision.groupTotal(2)).isTrue();
        // Each row has two hidden cells, so the 6 and the 5 go too; the n of 11 follows from its column.
        assertThat(decision.cell(0, 1)).isTrue();
        assertThat(decision.cell(1, 1)).isTrue();
        assertThat(decision.groupTotal(1)).isTrue();
        assertThat(cannotBeWorkedOut(cells, sizes, decision)).isTrue();
    }

    @Test
    void aTableWhereOnlyHalfTheRowsCarryAnswersLeavesNothingToPinDown() {
        // Found by the random test below while the rule was being written: a cell a reader could pin down.
        int[][] cells = {{2, 3, 1}, {0, 1, 3}, {0, 1, 0}};
        int[] sizes = {2, 5, 4};
        var decision = SmallNumbers.breakdown(cells, sizes, 5);

        assertThat(cannotBeWorkedOut(cells, sizes, decision)).isTrue();
    }

    @Test
    void aZeroThatSubtractionWouldRevealIsNotLeftAlone() {
        // Threshold 3: in the first group 0 + 4 + 0 = 4 would pin both zeros, so the 4 is hidden as well.
        int[][] cells = {{0, 2}, {4, 3}, {0, 0}};
        int[] sizes = {4, 5};
        var decision = SmallNumbers.breakdown(cells, sizes, 3);

        assertThat(decision.cell(1, 0)).isTrue();
        assertThat(cannotBeWorkedOut(cells, sizes, decision)).isTrue();
    }

    @Test
    void nothingIsSuppressedWhenEveryNumberIsLargeEnough() {
        var decision = SmallNumbers.breakdown(new int[][] {{5, 6}, {7, 8}}, new int[] {12, 14}, 5);

        assertThat(decision.cells()).isDeepEqualTo(new boolean[2][2]);
        assertThat(decision.groupTotals()).containsOnly(false);
    }

    @Test
    void noSuppressedNumberCanBeWorkedOutFromTheShownOnesInSmallRounds() {
        // Small rounds as they come: up to 12 children, 2–3 answers, 2–3 groups, thresholds 3 and 5.
        var random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 2 + random.nextInt(2);
            int groups = 2 + random.nextInt(2);
            int threshold = random.nextBoolean() ? 3 : 5;
            var cells = new int[rows][groups];
            var sizes = new int[groups];
            int children = 3 + random.nextInt(10);
            for (int c = 0; c < children; c++) {
                int r = random.nextInt(rows);
                int g = random.nextInt(groups);
                cells[r][g]++;
                sizes[g]++;
            }
            // As Counts does: a group without children is left out; one group alone is the whole round.
            var all = sizes;
            var kept = java.util.stream.IntStream.range(0, groups).filter(g -> all[g] > 0).toArray();
            if (kept.length < 2) {
                continue;
            }
            sizes = java.util.Arrays.stream(kept).map(g -> all[g]).toArray();
            for (int r = 0; r < rows; r++) {
                var row = cells[r];
                cells[r] = java.util.Arrays.stream(kept).map(g -> row[g]).toArray();
            }
            var decision = SmallNumbers.breakdown(cells, sizes, threshold);
            assertThat(cannotBeWorkedOut(cells, sizes, decision))
                    .as("table %s sizes %s", java.util.Arrays.deepToString(cells), java.util.Arrays.toString(sizes))
                    .isTrue();
        }
    }

    /**
     * What a reader knows: every shown cell and group size, each row's whole-round count, that each
     * group's cells add up to its size, and that hidden numbers are whole and not negative. A hidden
     * number is safe if at least two values fit all of that. (The whole-round total is the sum of the
     * row counts, so it adds nothing.) Cells of an answer nobody gave are 0 by the published
     * whole-round count alone, so the breakdown reveals nothing about them.
     */
    static boolean cannotBeWorkedOut(int[][] cells, int[] sizes, SmallNumbers.Decision decision) {
        int rows = cells.length;
        int groups = sizes.length;
        var seenCells = new ArrayList<List<Set<Integer>>>();
        for (int r = 0; r < rows; r++) {
            var row = new ArrayList<Set<Integer>>();
            for (int g = 0; g < groups; g++) {
                row.add(new HashSet<>());
            }
            seenCells.add(row);
        }
        var seenSizes = new ArrayList<Set<Integer>>();
        for (int g = 0; g < groups; g++) {
            seenSizes.add(new HashSet<>());
        }
        var guess = new int[rows][groups];
        fillRow(0, cells, sizes, decision, guess, seenCells, seenSizes);
        for (int g = 0; g < groups; g++) {
            if (decision.groupTotal(g) && seenSizes.get(g).size() < 2) {
                return false;
            }
            for (int r = 0; r < rows; r++) {
                if (decision.cell(r, g) && seenCells.get(r).get(g).size() < 2 && java.util.Arrays.stream(cells[r]).sum() > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Tries every way to share each row's hidden remainder over its hidden cells, row by row. */
    private static void fillRow(int r, int[][] cells, int[] sizes, SmallNumbers.Decision decision, int[][] guess,
                                List<List<Set<Integer>>> seenCells, List<Set<Integer>> seenSizes) {
        int groups = sizes.length;
        if (r == cells.length) {
            var columns = new int[groups];
            for (int g = 0; g < groups; g++) {
                for (var row : guess) {
                    columns[g] += row[g];
                }
                if (!decision.groupTotal(g) && columns[g] != sizes[g]) {
                    return;
                }
            }
            for (int g = 0; g < groups; g++) {
                seenSizes.get(g).add(columns[g]);
                for (int i = 0; i < cells.length; i++) {
                    seenCells.get(i).get(g).add(guess[i][g]);
                }
            }
            return;
        }
        int remainder = 0;
        var hidden = new ArrayList<Integer>();
        for (int g = 0; g < groups; g++) {
            if (decision.cell(r, g)) {
                remainder += cells[r][g];
                hidden.add(g);
            } else {
                guess[r][g] = cells[r][g];
            }
        }
        share(0, remainder, hidden, r, cells, sizes, decision, guess, seenCells, seenSizes);
    }

    private static void share(int k, int left, List<Integer> hidden, int r, int[][] cells, int[] sizes,
                              SmallNumbers.Decision decision, int[][] guess, List<List<Set<Integer>>> seenCells,
                              List<Set<Integer>> seenSizes) {
        if (k == hidden.size()) {
            if (left == 0) {
                fillRow(r + 1, cells, sizes, decision, guess, seenCells, seenSizes);
            }
            return;
        }
        for (int v = 0; v <= left; v++) {
            guess[r][hidden.get(k)] = v;
            share(k + 1, left - v, hidden, r, cells, sizes, decision, guess, seenCells, seenSizes);
        }
    }
}
