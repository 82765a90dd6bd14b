package se.delaktig.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reader of docs/privacy.md ("Small numbers: the rule"), by brute force and on its own: it
 * shares no code with production. It sees only what a page or an API answer shows, and knows:
 * every shown number; that a number reading "färre än t" is below t (unless that cannot be true of
 * everything shown, and then it stops believing the text); that counts are whole and never
 * negative; which groups a breakdown lists out of all the groups the property has, and so – when a
 * breakdown leaves some out – that each listed group has at least one child; that the group sizes
 * add up to the whole round; that each group's answers to a question add up to its size (with
 * several choices: everyone who answered chose at least one, and no choice has more children than
 * answered); and that each answer's groups add up to its whole-round count.
 *
 * <p>It tries every combination of the hidden group sizes and, for each, every filling of every
 * question's hidden cells, and records which values each hidden number can take.
 */
final class Reader {

    /** How many fillings of one table for one combination of sizes the reader is willing to list. */
    private static final long LIMIT = 2_000_000;

    /**
     * One property's breakdown as shown, with everything known from other tables of the same
     * answer already filled in.
     *
     * @param name      for messages, e.g. "GENDER"
     * @param children  the whole round (shown)
     * @param allGroups how many groups the property has
     * @param sizes     the listed groups' sizes, null where hidden
     * @param guarded   which sizes the page hid (they must stay protected even if another table shows them)
     * @param tables    the questions broken down by it
     */
    record Breakdown(String name, int children, int allGroups, Integer[] sizes, boolean[] guarded, List<Table> tables) {
    }

    /**
     * One question's table.
     *
     * @param rowTotals     each answer's whole-round count (shown on the page)
     * @param cells         [row][listed group], null where hidden
     * @param guarded       which cells the page hid
     * @param unansweredRow with several choices: the row of children without an answer, or -1
     */
    record Table(String name, int[] rowTotals, Integer[][] cells, boolean[][] guarded, boolean multipleChoice,
                 int unansweredRow) {
    }

    /** A hidden number the reader pinned down more than the rule allows, and the values it can take. */
    record Finding(String what, Set<Integer> values) {
        @Override
        public String toString() {
            return what + " can only be " + values;
        }
    }

    private Reader() {
    }

    /** Attacks one breakdown; returns every hidden number the criterion does not protect. */
    static List<Finding> attack(Breakdown b, int threshold) {
        var trusting = new Search(b, threshold - 1);
        if (!trusting.run()) {
            // "färre än t" cannot be true of everything shown: read it as "hidden" only.
            var doubting = new Search(b, b.children());
            if (!doubting.run()) {
                throw new AssertionError(b.name() + ": nothing fits what is shown - the page contradicts itself");
            }
            return doubting.findings();
        }
        return trusting.findings();
    }

    /**
     * Attacks a line of numbers whose total is shown (missing voices by group): {@code values} null
     * where hidden. Criterion for who is missing: at least two values, or known to be 0.
     */
    static List<Finding> attackLine(String name, int total, Integer[] values, int threshold) {
        var hidden = new ArrayList<Integer>();
        int left = total;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                hidden.add(i);
            } else {
                left -= values[i];
            }
        }
        var seen = new ArrayList<Set<Integer>>();
        hidden.forEach(h -> seen.add(new TreeSet<>()));
        int most = threshold - 1;
        if (!line(hidden.size(), 0, left, most, new int[hidden.size()], seen)) {
            line(hidden.size(), 0, left, total, new int[hidden.size()], seen);
        }
        var findings = new ArrayList<Finding>();
        for (int k = 0; k < hidden.size(); k++) {
            var v = seen.get(k);
            if (v.isEmpty()) {
                throw new AssertionError(name + ": nothing fits what is shown");
            }
            if (v.size() < 2 && !v.equals(Set.of(0))) {
                findings.add(new Finding(name + "[" + hidden.get(k) + "]", v));
            }
        }
        return findings;
    }

    private static boolean line(int n, int k, int left, int most, int[] guess, List<Set<Integer>> seen) {
        if (k == n) {
            if (left != 0) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                seen.get(i).add(guess[i]);
            }
            return true;
        }
        boolean any = false;
        for (int v = 0; v <= Math.min(most, left); v++) {
            guess[k] = v;
            any |= line(n, k + 1, left - v, most, guess, seen);
        }
        return any;
    }

    // -------------------------------------------------------------------------------------------

    private static final class Search {

        private final Breakdown b;
        private final int most;
        private final int groups;
        private final int minimumSize;
        private final List<Set<Integer>> sizeValues = new ArrayList<>();
        private final List<List<List<Set<Integer>>>> cellValues = new ArrayList<>();
        private boolean anything;

        Search(Breakdown b, int most) {
            this.b = b;
            this.most = most;
            this.groups = b.sizes().length;
            // A breakdown that leaves groups out lists only groups with children.
            this.minimumSize = groups < b.allGroups() ? 1 : 0;
            for (int g = 0; g < groups; g++) {
                sizeValues.add(new TreeSet<>());
            }
            for (var t : b.tables()) {
                var rows = new ArrayList<List<Set<Integer>>>();
                for (int r = 0; r < t.cells().length; r++) {
                    var row = new ArrayList<Set<Integer>>();
                    for (int g = 0; g < groups; g++) {
                        row.add(new TreeSet<>());
                    }
                    rows.add(row);
                }
                cellValues.add(rows);
            }
        }

        boolean run() {
            var s = new int[groups];
            var free = new ArrayList<Integer>();
            int left = b.children();
            for (int g = 0; g < groups; g++) {
                if (b.sizes()[g] == null) {
                    free.add(g);
                } else {
                    s[g] = b.sizes()[g];
                    left -= s[g];
                }
            }
            sizes(free, 0, left, s);
            return anything;
        }

        private void sizes(List<Integer> free, int k, int left, int[] s) {
            if (k == free.size()) {
                if (left == 0) {
                    combination(s);
                }
                return;
            }
            int g = free.get(k);
            for (int v = minimumSize; v <= Math.min(most, left); v++) {
                s[g] = v;
                sizes(free, k + 1, left - v, s);
            }
        }

        private void combination(int[] s) {
            for (int g = 0; g < groups; g++) {
                if (b.sizes()[g] != null && b.sizes()[g] < minimumSize) {
                    return;
                }
            }
            // Fill every table for these sizes; keep what was seen only if every table can be filled.
            var seen = new ArrayList<List<List<Set<Integer>>>>();
            for (var t : b.tables()) {
                var tableSeen = new ArrayList<List<Set<Integer>>>();
                for (int r = 0; r < t.cells().length; r++) {
                    var row = new ArrayList<Set<Integer>>();
                    for (int g = 0; g < groups; g++) {
                        row.add(new TreeSet<>());
                    }
                    tableSeen.add(row);
                }
                var fill = new Fill(t, s, most, tableSeen);
                if (!fill.run()) {
                    return;
                }
                seen.add(tableSeen);
            }
            anything = true;
            for (int g = 0; g < groups; g++) {
                sizeValues.get(g).add(s[g]);
            }
            for (int i = 0; i < seen.size(); i++) {
                for (int r = 0; r < seen.get(i).size(); r++) {
                    for (int g = 0; g < groups; g++) {
                        cellValues.get(i).get(r).get(g).addAll(seen.get(i).get(r).get(g));
                    }
                }
            }
        }

        List<Finding> findings() {
            var findings = new ArrayList<Finding>();
            for (int g = 0; g < groups; g++) {
                var v = sizeValues.get(g);
                if (b.guarded()[g] && v.size() < 2 && !v.equals(Set.of(0))) {
                    findings.add(new Finding(b.name() + " size of group " + g, v));
                }
            }
            for (int i = 0; i < b.tables().size(); i++) {
                var t = b.tables().get(i);
                for (int r = 0; r < t.cells().length; r++) {
                    if (t.rowTotals()[r] == 0) {
                        continue;
                    }
                    for (int g = 0; g < groups; g++) {
                        if (!t.guarded()[r][g] || sizeValues.get(g).equals(Set.of(0))) {
                            continue;
                        }
                        var v = cellValues.get(i).get(r).get(g);
                        if (!v.contains(0) || v.stream().noneMatch(x -> x >= 1)) {
                            findings.add(new Finding(b.name() + " " + t.name() + " row " + r + " group " + g, v));
                        }
                    }
                }
            }
            return findings;
        }
    }

    /** Every filling of one table's hidden cells for given group sizes. */
    private static final class Fill {

        private final Table t;
        private final int[] s;
        private final int most;
        private final List<List<Set<Integer>>> seen;
        private final int rows;
        private final int groups;
        private final int[][] guess;
        private long count;
        private boolean found;

        Fill(Table t, int[] s, int most, List<List<Set<Integer>>> seen) {
            this.t = t;
            this.s = s;
            this.most = most;
            this.seen = seen;
            this.rows = t.cells().length;
            this.groups = s.length;
            this.guess = new int[rows][groups];
        }

        boolean run() {
            // With several choices the row of children without an answer goes first: it bounds the rest.
            var order = new ArrayList<Integer>();
            if (t.multipleChoice() && t.unansweredRow() >= 0) {
                order.add(t.unansweredRow());
            }
            for (int r = 0; r < rows; r++) {
                if (!order.contains(r)) {
                    order.add(r);
                }
            }
            cell(order, 0, 0, 0);
            return found;
        }

        private void cell(List<Integer> order, int k, int g, int rowSum) {
            if (k == order.size()) {
                complete();
                return;
            }
            int r = order.get(k);
            if (g == groups) {
                if (rowSum == t.rowTotals()[r]) {
                    cell(order, k + 1, 0, 0);
                }
                return;
            }
            Integer known = t.cells()[r][g];
            int low = known == null ? 0 : known;
            int high = known == null ? most : known;
            high = Math.min(high, t.rowTotals()[r] - rowSum);
            high = Math.min(high, room(r, g));
            for (int v = low; v <= high; v++) {
                guess[r][g] = v;
                cell(order, k, g + 1, rowSum + v);
            }
            guess[r][g] = 0;
        }

        /** The most a cell can hold given its group's size and what is already in the group. */
        private int room(int r, int g) {
            if (t.multipleChoice()) {
                int unanswered = t.unansweredRow() >= 0 ? guess[t.unansweredRow()][g] : 0;
                return r == t.unansweredRow() ? s[g] : s[g] - unanswered;
            }
            int used = 0;
            for (int i = 0; i < rows; i++) {
                if (i != r) {
                    used += guess[i][g];
                }
            }
            return s[g] - used;
        }

        private void complete() {
            for (int g = 0; g < groups; g++) {
                int sum = 0;
                int unanswered = t.unansweredRow() >= 0 ? guess[t.unansweredRow()][g] : 0;
                for (int r = 0; r < rows; r++) {
                    if (r != t.unansweredRow() || !t.multipleChoice()) {
                        sum += guess[r][g];
                    }
                }
                if (t.multipleChoice()) {
                    int answered = s[g] - unanswered;
                    boolean hasChoices = rows > (t.unansweredRow() >= 0 ? 1 : 0);
                    if (answered < 0 || (hasChoices && sum < answered) || (!hasChoices && answered != 0)) {
                        return;
                    }
                } else if (sum != s[g]) {
                    return;
                }
            }
            if (++count > LIMIT) {
                throw new AssertionError("table " + t.name() + " has too many fillings to list; make the round smaller");
            }
            found = true;
            for (int r = 0; r < rows; r++) {
                for (int g = 0; g < groups; g++) {
                    seen.get(r).get(g).add(guess[r][g]);
                }
            }
        }
    }

    static Integer[] boxed(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }
}
