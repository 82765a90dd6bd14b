package se.delaktig.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reader we suppress small numbers against, worked out exactly. Every page, API answer and
 * document that shows numbers below the whole round asks this class whether what it is about to show
 * lets a reader work out a hidden number; if so, it shows less (see docs/privacy.md, "Small
 * numbers: the rule").
 *
 * <p>The reader knows every number shown (the whole-round counts, the group sizes and cells that
 * are shown), that a hidden number is below the threshold (it reads "färre än 5"), that counts are
 * whole and never negative, which groups are listed, and how the numbers of one page hang together:
 * the group sizes add up to the whole round, each group's answers to one question add up to its size
 * (for a question with several choices: each child who answered chose at least one and at most all),
 * and each answer's groups add up to its whole-round count. The same group sizes stand under every
 * question, so all questions of one breakdown are attacked together.
 *
 * <p>The protection criterion, for every hidden number:
 * <ul>
 *   <li>a <b>group size</b> (who took part) must keep at least two possible values, or be known to be
 *       0 (an empty group has nobody to protect);</li>
 *   <li>a <b>cell</b> (how many children of a group gave an answer) must be possibly 0 and possibly
 *       1 or more, so a reader learns neither how many children of the group said it nor whether any
 *       did – unless the answer's whole-round count is 0, or the group is known to be empty.</li>
 * </ul>
 * The search is exact: the sizes a reader cannot see are tried one combination at a time, and for
 * each combination each question is a small transportation problem solved as a maximum flow (its
 * constraint matrix is totally unimodular, so a whole-number answer exists whenever any does). Work
 * is bounded; a breakdown too large to check counts as unsafe and is not shown.
 */
public final class SuppressionAudit {

    private static final long BUDGET = 4_000_000;

    private SuppressionAudit() {
    }

    /**
     * One question's part of a breakdown: {@code cells[row][group]} true counts and which are hidden.
     * For a single-answer question every child is in exactly one row (a row for "no answer"
     * included). For a question with several choices, {@code unansweredRow} is the row of children
     * without an answer, or -1 if there is none; every other row is a choice.
     */
    public record Table(int[][] cells, boolean[][] hidden, boolean multipleChoice, int unansweredRow) {
    }

    /** What the audit found: whether the group sizes are safe and, per table, whether its cells are. */
    public record Verdict(boolean sizesSafe, boolean[] tablesSafe) {

        public boolean safe() {
            for (boolean t : tablesSafe) {
                if (!t) {
                    return false;
                }
            }
            return sizesSafe;
        }
    }

    /**
     * Audits one breakdown (one property of the children, every question of the round).
     *
     * @param sizes       the true number of children in each listed group
     * @param hiddenSizes which sizes are hidden
     * @param tables      the questions' tables (rows by answer, columns by the same groups)
     * @param threshold   numbers below it read "färre än threshold"
     */
    public static Verdict audit(int[] sizes, boolean[] hiddenSizes, List<Table> tables, int threshold) {
        return new Dimension(sizes, hiddenSizes, tables, threshold).run();
    }

    /**
     * A single line of hidden and shown numbers whose total is shown (e.g. missing voices by age
     * band): safe if every hidden number keeps two possible values or is known to be 0.
     */
    public static boolean lineSafe(int[] values, boolean[] hidden, int threshold) {
        int k = 0;
        int sum = 0;
        for (int i = 0; i < values.length; i++) {
            if (hidden[i]) {
                k++;
                sum += values[i];
            }
        }
        if (k == 0 || sum == 0) {
            return true;
        }
        int lowest = Math.max(0, sum - (k - 1) * (threshold - 1));
        int highest = Math.min(threshold - 1, sum);
        return highest > lowest;
    }

    // -------------------------------------------------------------------------------------------

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private static final class Dimension {

        private final int[] sizes;
        private final boolean[] hiddenSizes;
        private final List<Table> tables;
        private final int cap;
        private final int groups;
        private long work;

        // What the search has seen, over every combination of sizes that fits everything.
        private final int[] firstSize;
        private final boolean[] sizeVaried;
        private final boolean[] sizeSeen;
        private final int[] maxSize;
        private final List<boolean[][]> zeroPossible = new ArrayList<>();
        private final List<boolean[][]> onePossible = new ArrayList<>();

        Dimension(int[] sizes, boolean[] hiddenSizes, List<Table> tables, int threshold) {
            this.sizes = sizes;
            this.hiddenSizes = hiddenSizes;
            this.tables = tables;
            this.cap = threshold - 1;
            this.groups = sizes.length;
            this.firstSize = new int[groups];
            this.sizeVaried = new boolean[groups];
            this.sizeSeen = new boolean[groups];
            this.maxSize = new int[groups];
            for (var t : tables) {
                zeroPossible.add(new boolean[t.cells().length][groups]);
                onePossible.add(new boolean[t.cells().length][groups]);
            }
        }

        Verdict run() {
            var tablesSafe = new boolean[tables.size()];
            try {
                int total = Arrays.stream(sizes).sum();
                int open = total;
                var free = new ArrayList<Integer>();
                var s = new int[groups];
                for (int g = 0; g < groups; g++) {
                    if (hiddenSizes[g]) {
                        free.add(g);
                    } else {
                        s[g] = sizes[g];
                        open -= sizes[g];
                    }
                }
                sizes(free, 0, open, s);
            } catch (BudgetExceeded e) {
                return new Verdict(false, tablesSafe);
            }
            boolean sizesSafe = true;
            for (int g = 0; g < groups; g++) {
                if (hiddenSizes[g] && !sizeVaried[g] && !(sizeSeen[g] && firstSize[g] == 0)) {
                    sizesSafe = false;
                }
            }
            for (int i = 0; i < tables.size(); i++) {
                tablesSafe[i] = tableSafe(i);
            }
            return new Verdict(sizesSafe, tablesSafe);
        }

        private boolean tableSafe(int i) {
            var t = tables.get(i);
            for (int r = 0; r < t.cells().length; r++) {
                if (rowTotal(t, r) == 0) {
                    continue;
                }
                for (int g = 0; g < groups; g++) {
                    if (t.hidden()[r][g] && maxSize[g] > 0
                            && !(zeroPossible.get(i)[r][g] && onePossible.get(i)[r][g])) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Every way to give the hidden sizes their remainder, each at most the cap. */
        private void sizes(List<Integer> free, int k, int left, int[] s) {
            if (k == free.size()) {
                if (left == 0) {
                    tryCombination(s);
                }
                return;
            }
            int g = free.get(k);
            int most = Math.min(cap, left);
            for (int v = 0; v <= most; v++) {
                s[g] = v;
                sizes(free, k + 1, left - v, s);
            }
        }

        private void tryCombination(int[] s) {
            for (var t : tables) {
                if (!feasible(t, s, -1, -1, 0)) {
                    return;
                }
            }
            for (int g = 0; g < groups; g++) {
                if (!sizeSeen[g]) {
                    sizeSeen[g] = true;
                    firstSize[g] = s[g];
                } else if (firstSize[g] != s[g]) {
                    sizeVaried[g] = true;
                }
                maxSize[g] = Math.max(maxSize[g], s[g]);
            }
            for (int i = 0; i < tables.size(); i++) {
                var t = tables.get(i);
                var zero = zeroPossible.get(i);
                var one = onePossible.get(i);
                for (int r = 0; r < t.cells().length; r++) {
                    for (int g = 0; g < groups; g++) {
                        if (!t.hidden()[r][g]) {
                            continue;
                        }
                        if (!zero[r][g] && feasible(t, s, r, g, 0)) {
                            zero[r][g] = true;
                        }
                        if (!one[r][g] && feasible(t, s, r, g, 1)) {
                            one[r][g] = true;
                        }
                    }
                }
            }
        }

        /**
         * Whether some whole, non-negative filling of the table's hidden cells fits its row totals and
         * the group sizes {@code s}; with {@code fixRow >= 0}, also with that cell 0 ({@code fixTo}
         * 0) or at least 1 ({@code fixTo} 1).
         */
        private boolean feasible(Table t, int[] s, int fixRow, int fixGroup, int fixTo) {
            if (++work > BUDGET) {
                throw new BudgetExceeded();
            }
            return t.multipleChoice() ? multipleFeasible(t, s, fixRow, fixGroup, fixTo)
                    : singleFeasible(t, s, fixRow, fixGroup, fixTo);
        }

        private boolean singleFeasible(Table t, int[] s, int fixRow, int fixGroup, int fixTo) {
            int rows = t.cells().length;
            var supply = new int[rows];
            var demand = s.clone();
            var caps = new int[rows][groups];
            for (int r = 0; r < rows; r++) {
                supply[r] = rowTotal(t, r);
                for (int g = 0; g < groups; g++) {
                    if (t.hidden()[r][g]) {
                        caps[r][g] = cap;
                    } else {
                        supply[r] -= t.cells()[r][g];
                        demand[g] -= t.cells()[r][g];
                    }
                }
            }
            if (!fix(supply, demand, caps, fixRow, fixGroup, fixTo)) {
                return false;
            }
            for (int g = 0; g < groups; g++) {
                if (demand[g] < 0) {
                    return false;
                }
            }
            return Flow.transport(supply, demand, caps, null);
        }

        private boolean multipleFeasible(Table t, int[] s, int fixRow, int fixGroup, int fixTo) {
            int u = t.unansweredRow();
            var unanswered = new int[groups];
            var free = new ArrayList<Integer>();
            int left = u < 0 ? 0 : rowTotal(t, u);
            for (int g = 0; g < groups; g++) {
                if (u >= 0 && !t.hidden()[u][g]) {
                    unanswered[g] = t.cells()[u][g];
                    left -= unanswered[g];
                } else if (u >= 0) {
                    free.add(g);
                }
            }
            return unanswered(t, s, free, 0, left, unanswered, fixRow, fixGroup, fixTo);
        }

        /** Every way the children without an answer can be spread over the groups. */
        private boolean unanswered(Table t, int[] s, List<Integer> free, int k, int left, int[] unanswered,
                                   int fixRow, int fixGroup, int fixTo) {
            if (k == free.size()) {
                if (left != 0) {
                    return false;
                }
                if (fixRow >= 0 && fixRow == t.unansweredRow()) {
                    int v = unanswered[fixGroup];
                    if (fixTo == 0 ? v != 0 : v < 1) {
                        return false;
                    }
                    return choices(t, s, unanswered, -1, -1, 0);
                }
                return choices(t, s, unanswered, fixRow, fixGroup, fixTo);
            }
            int g = free.get(k);
            for (int v = 0; v <= Math.min(Math.min(cap, left), s[g]); v++) {
                unanswered[g] = v;
                if (unanswered(t, s, free, k + 1, left - v, unanswered, fixRow, fixGroup, fixTo)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The choices, with the children who answered known per group: each choice's groups add up to
         * its whole-round count, no cell is above the group's answering children, and each group's
         * cells add up to at least its answering children (everyone who answered chose something).
         */
        private boolean choices(Table t, int[] s, int[] unanswered, int fixRow, int fixGroup, int fixTo) {
            if (++work > BUDGET) {
                throw new BudgetExceeded();
            }
            int rows = t.cells().length;
            var answered = new int[groups];
            for (int g = 0; g < groups; g++) {
                answered[g] = s[g] - unanswered[g];
                if (answered[g] < 0) {
                    return false;
                }
            }
            var supply = new int[rows];
            var atLeast = answered.clone();
            var caps = new int[rows][groups];
            for (int r = 0; r < rows; r++) {
                if (r == t.unansweredRow()) {
                    continue;
                }
                supply[r] = rowTotal(t, r);
                for (int g = 0; g < groups; g++) {
                    if (t.hidden()[r][g]) {
                        caps[r][g] = Math.min(cap, answered[g]);
                    } else {
                        if (t.cells()[r][g] > answered[g]) {
                            return false;
                        }
                        supply[r] -= t.cells()[r][g];
                        atLeast[g] -= t.cells()[r][g];
                    }
                }
            }
            if (fixRow >= 0) {
                if (fixTo == 0) {
                    caps[fixRow][fixGroup] = 0;
                } else {
                    if (caps[fixRow][fixGroup] < 1) {
                        return false;
                    }
                    caps[fixRow][fixGroup]--;
                    supply[fixRow]--;
                    atLeast[fixGroup]--;
                }
            }
            for (int r = 0; r < rows; r++) {
                if (supply[r] < 0) {
                    return false;
                }
            }
            for (int g = 0; g < groups; g++) {
                atLeast[g] = Math.max(0, atLeast[g]);
            }
            return Flow.transport(supply, null, caps, atLeast);
        }

        private boolean fix(int[] supply, int[] demand, int[][] caps, int r, int g, int to) {
            if (r < 0) {
                for (int v : supply) {
                    if (v < 0) {
                        return false;
                    }
                }
                return true;
            }
            if (to == 0) {
                caps[r][g] = 0;
            } else {
                if (caps[r][g] < 1) {
                    return false;
                }
                caps[r][g]--;
                supply[r]--;
                demand[g]--;
            }
            for (int v : supply) {
                if (v < 0) {
                    return false;
                }
            }
            return true;
        }

        private static int rowTotal(Table t, int r) {
            return Arrays.stream(t.cells()[r]).sum();
        }
    }

    /** A maximum flow on the small network source → rows → groups → sink. */
    static final class Flow {

        private Flow() {
        }

        /**
         * Whether every row can send exactly its supply through the capped cells so that each group
         * receives exactly its demand (when {@code demand} is given) or at least {@code atLeast} (when
         * that is given instead, with no upper limit).
         */
        static boolean transport(int[] supply, int[] demand, int[][] caps, int[] atLeast) {
            int rows = supply.length;
            int groups = caps.length == 0 ? (demand != null ? demand.length : atLeast.length) : caps[0].length;
            int n = rows + groups + 2;
            int source = rows + groups;
            int sink = source + 1;
            var c = new int[n][n];
            int want = 0;
            for (int r = 0; r < rows; r++) {
                c[source][r] = supply[r];
                want += supply[r];
                for (int g = 0; g < groups; g++) {
                    c[r][rows + g] = caps[r][g];
                }
            }
            if (demand != null) {
                int sum = 0;
                for (int g = 0; g < groups; g++) {
                    c[rows + g][sink] = demand[g];
                    sum += demand[g];
                }
                return sum == want && maxFlow(c, source, sink) == want;
            }
            // First meet every lower bound; augmenting paths never take flow back from a sink edge, so
            // opening the sink edges afterwards keeps them met while the rest of the supply flows.
            int lower = 0;
            for (int g = 0; g < groups; g++) {
                c[rows + g][sink] = atLeast[g];
                lower += atLeast[g];
            }
            int first = maxFlow(c, source, sink);
            if (first != lower) {
                return false;
            }
            for (int g = 0; g < groups; g++) {
                c[rows + g][sink] += want;
            }
            return first + maxFlow(c, source, sink) == want;
        }

        /** Ford–Fulkerson with depth-first paths; {@code c} is left as the residual network. */
        private static int maxFlow(int[][] c, int source, int sink) {
            int total = 0;
            while (true) {
                var seen = new boolean[c.length];
                int pushed = push(c, source, sink, Integer.MAX_VALUE, seen);
                if (pushed == 0) {
                    return total;
                }
                total += pushed;
            }
        }

        private static int push(int[][] c, int at, int sink, int limit, boolean[] seen) {
            if (at == sink) {
                return limit;
            }
            seen[at] = true;
            for (int next = 0; next < c.length; next++) {
                if (!seen[next] && c[at][next] > 0) {
                    int pushed = push(c, next, sink, Math.min(limit, c[at][next]), seen);
                    if (pushed > 0) {
                        c[at][next] -= pushed;
                        c[next][at] += pushed;
                        return pushed;
                    }
                }
            }
            return 0;
        }
    }
}
