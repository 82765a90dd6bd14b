package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import se.delaktig.analysis.SmallNumbers;
import se.delaktig.privacy.SuppressionAudit;

/**
 * Random small rounds through the production rule ({@link SmallNumbers#breakdown} for breakdowns,
 * {@link SuppressionAudit#lineSafe} for missing voices), attacked by {@link Reader}: no hidden
 * number may be pinned down more than docs/privacy.md allows, whatever the round.
 */
class SmallNumbersReaderAttackTest {

    /** One child: group in each of three properties, and answers to three questions. */
    record Child(int age, int gender, int contact, int yesNo, int smiley, int choices) {
    }

    /** A round: its threshold and children. */
    record Round(int threshold, List<Child> children) {
    }

    // Question 1: yes / no / don't know, or no answer (3). Question 2: 1–3, or no answer (3).
    // Question 3: several of three choices (a bit mask, 0 = no answer).
    private static final int[] GROUPS = {3, 4, 4};

    @Provide
    Arbitrary<Round> rounds() {
        var child = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 7))
                .as(Child::new);
        // Skewed towards the small groups that trouble suppression: some properties mostly in one group.
        var skewed = Combinators.combine(Arbitraries.of(0, 0, 1, 2),
                        Arbitraries.of(0, 0, 0, 1, 2, 3), Arbitraries.of(0, 0, 1, 1, 2, 3),
                        Arbitraries.of(0, 0, 0, 1, 3), Arbitraries.integers().between(0, 3), Arbitraries.of(1, 1, 3, 0, 4))
                .as(Child::new);
        return Combinators.combine(Arbitraries.integers().between(2, 5),
                        Arbitraries.oneOf(child, skewed).list().ofMinSize(1).ofMaxSize(11))
                .as(Round::new);
    }

    @Property(tries = 250)
    void noHiddenNumberOfAnyBreakdownCanBeWorkedOut(@ForAll("rounds") Round round) {
        int t = round.threshold();
        int attacked = 0;
        for (int d = 0; d < 3; d++) {
            var published = publish(round, d);
            if (published == null) {
                continue;
            }
            if (hidesSomething(published)) {
                attacked++;
            }
            assertThat(Reader.attack(published, t)).as("round %s, property %d", round, d).isEmpty();
        }
        // Not a vacuous pass: most rounds show breakdowns with hidden numbers for the reader to attack.
        Statistics.label("breakdowns shown with hidden numbers").collect(attacked > 0);
        Statistics.label("breakdowns shown with hidden numbers").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Example
    void withoutTheAuditTheReaderFindsSomething() {
        // Hiding only the numbers below 5, unchecked: all ten girls said yes, so their hidden "no" is 0.
        var table = new Reader.Table("q", new int[] {16, 4}, new Integer[][] {{10, 6, 0, 0}, {null, null, null, null}},
                new boolean[][] {{false, false, true, true}, {true, true, true, true}}, false, -1);
        var unchecked = new Reader.Breakdown("GENDER", 20, 4, new Integer[] {10, 10, null, null},
                new boolean[] {false, false, true, true}, List.of(table));
        assertThat(Reader.attack(unchecked, 5)).isNotEmpty();
        assertThat(SmallNumbers.breakdown(new int[] {10, 10, 0, 0},
                List.of(new SmallNumbers.Question(new int[][] {{10, 6, 0, 0}, {0, 4, 0, 0}}, false, -1)), 5).shows(0)).isFalse();
    }

    /** Whether a shown table hides a cell of an answer somebody gave: something worth attacking. */
    private static boolean hidesSomething(Reader.Breakdown b) {
        for (var t : b.tables()) {
            for (int r = 0; r < t.cells().length; r++) {
                for (var cell : t.cells()[r]) {
                    if (cell == null && t.rowTotals()[r] > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Property(tries = 400)
    void noHiddenNumberOfMissingVoicesCanBeWorkedOut(@ForAll("lines") int[] line, @ForAll("thresholds") int t) {
        var hidden = new boolean[line.length];
        int total = 0;
        for (int i = 0; i < line.length; i++) {
            hidden[i] = line[i] < t;
            total += line[i];
        }
        boolean shown = SuppressionAudit.lineSafe(line, hidden, t);
        Statistics.label("missing-voices lines shown").collect(shown);
        if (!shown) {
            return;
        }
        var values = new Integer[line.length];
        for (int i = 0; i < line.length; i++) {
            values[i] = hidden[i] ? null : line[i];
        }
        assertThat(Reader.attackLine("line", total, values, t)).as("line %s", java.util.Arrays.toString(line)).isEmpty();
    }

    @Example
    void theIssuesExampleTwoListedSmallGroupsNoLongerGiveThemselvesAway() {
        // Ten girls, one boy, one child of another gender: the old page listed three groups and hid two,
        // and "listed" meant "at least one", so 12 - 10 = 2 made each of them exactly 1.
        var children = new ArrayList<Child>();
        for (int i = 0; i < 10; i++) {
            children.add(new Child(2, 0, 0, 1, 1, 1));
        }
        children.add(new Child(2, 1, 0, 2, 1, 1));
        children.add(new Child(2, 2, 0, 1, 1, 1));
        var published = publish(new Round(5, children), 1);

        assertThat(published.sizes()).hasSize(4);
        assertThat(published.sizes()[0]).isEqualTo(10);
        assertThat(Reader.attack(published, 5)).isEmpty();
        // The old listing, as the reader saw it: the empty "unknown" group left out.
        var old = new Reader.Breakdown("GENDER (old listing)", 12, 4, new Integer[] {10, null, null},
                new boolean[] {false, true, true}, List.of());
        assertThat(Reader.attack(old, 5)).extracting(Reader.Finding::values).containsOnly(java.util.Set.of(1));
    }

    @Provide
    Arbitrary<int[]> lines() {
        return Arbitraries.integers().between(0, 9).array(int[].class).ofMinSize(2).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Integer> thresholds() {
        return Arbitraries.integers().between(2, 6);
    }

    /** What the page shows for one property, through the production rule; null when it shows nothing. */
    static Reader.Breakdown publish(Round round, int dimension) {
        int t = round.threshold();
        var children = round.children();
        int groups = GROUPS[dimension];
        var sizes = new int[groups];
        children.forEach(c -> sizes[group(c, dimension)]++);
        var questions = new ArrayList<SmallNumbers.Question>();
        var totals = new ArrayList<int[]>();
        var names = new ArrayList<String>();
        for (int q = 0; q < 3; q++) {
            int options = 3;
            boolean multiple = q == 2;
            int question = q;
            boolean anyUnanswered = children.stream().anyMatch(c -> answer(c, question) == 0);
            int rows = options + (anyUnanswered ? 1 : 0);
            var cells = new int[rows][groups];
            for (var c : children) {
                int g = group(c, dimension);
                int a = answer(c, q);
                if (a == 0) {
                    cells[options][g]++;
                } else if (multiple) {
                    for (int o = 0; o < options; o++) {
                        if ((a & (1 << o)) != 0) {
                            cells[o][g]++;
                        }
                    }
                } else {
                    cells[a - 1][g]++;
                }
            }
            questions.add(new SmallNumbers.Question(cells, multiple, multiple && anyUnanswered ? options : -1));
            var rowTotals = new int[rows];
            for (int r = 0; r < rows; r++) {
                for (int g = 0; g < groups; g++) {
                    rowTotals[r] += cells[r][g];
                }
            }
            totals.add(rowTotals);
            names.add("q" + q);
        }
        var decision = SmallNumbers.breakdown(sizes, questions, t);
        if (decision.withheld()) {
            return null;
        }
        var shownSizes = new Integer[groups];
        var guardedSizes = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            guardedSizes[g] = decision.groupTotal(g);
            assertThat(!guardedSizes[g] || sizes[g] < t).as("a hidden size is below the threshold").isTrue();
            shownSizes[g] = guardedSizes[g] ? null : sizes[g];
        }
        var tables = new ArrayList<Reader.Table>();
        for (int q = 0; q < questions.size(); q++) {
            if (!decision.shows(q)) {
                continue;
            }
            var cells = questions.get(q).cells();
            var shown = new Integer[cells.length][groups];
            var guarded = new boolean[cells.length][groups];
            for (int r = 0; r < cells.length; r++) {
                for (int g = 0; g < groups; g++) {
                    guarded[r][g] = decision.cell(q, r, g);
                    assertThat(!guarded[r][g] || cells[r][g] < t).as("a hidden cell is below the threshold").isTrue();
                    shown[r][g] = guarded[r][g] ? null : cells[r][g];
                }
            }
            tables.add(new Reader.Table(names.get(q), totals.get(q), shown, guarded, questions.get(q).multipleChoice(),
                    questions.get(q).unansweredRow()));
        }
        return new Reader.Breakdown("property " + dimension, children.size(), groups, shownSizes, guardedSizes, tables);
    }

    private static int group(Child c, int dimension) {
        return switch (dimension) {
            case 0 -> c.age();
            case 1 -> c.gender();
            default -> c.contact();
        };
    }

    private static int answer(Child c, int question) {
        return switch (question) {
            case 0 -> c.yesNo();
            case 1 -> c.smiley();
            default -> c.choices();
        };
    }
}
