package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The rule of docs/privacy.md ("Small numbers: the rule") on hand-made tables. Rows are answers,
 * columns groups (all of a property's groups, empty ones included); the attack on random rounds is
 * {@code se.delaktig.attack.SmallNumbersReaderAttackTest}.
 */
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
    void fewerThanIsAlwaysTrueSoALargeNumberIsNeverHiddenBehindIt() {
        assertThatThrownBy(() -> SmallNumbers.Shown.of(8, true, 5, Locale.ENGLISH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cellsBelowTheThresholdAreSuppressedAndZeroTooAndNothingElse() {
        // Girls 10, boys 10, no child of another gender or without one. Yes 6 + 6, no 2 + 2, don't know 2 + 2.
        var decision = SmallNumbers.breakdown(new int[] {10, 10, 0, 0},
                List.of(single(new int[][] {{6, 6, 0, 0}, {2, 2, 0, 0}, {2, 2, 0, 0}})), 5);

        assertThat(decision.withheld()).isFalse();
        assertThat(decision.shows(0)).isTrue();
        assertThat(decision.hiddenSizes()).containsExactly(false, false, true, true);
        assertThat(decision.hiddenCells().get(0)).isDeepEqualTo(new boolean[][] {
                {false, false, true, true}, {true, true, true, true}, {true, true, true, true}});
    }

    @Test
    void twoSmallListedGroupsNoLongerGiveEachOtherAwayBecauseEveryGroupIsListed() {
        // The example: 10 girls, 1 boy, 1 child of another gender. Listing only groups with
        // children made each hidden size at least 1, so 12 - 10 = 2 pinned both to 1. With the empty
        // "unknown" group listed too, each hidden size can be 0, 1 or 2.
        var decision = SmallNumbers.breakdown(new int[] {10, 1, 1, 0},
                List.of(single(new int[][] {{5, 0, 1, 0}, {5, 1, 0, 0}})), 5);

        assertThat(decision.withheld()).isFalse();
        assertThat(decision.hiddenSizes()).containsExactly(false, true, true, true);
    }

    @Test
    void aLoneSmallGroupThatTheTotalGivesAwayWithholdsTheWholeProperty() {
        // One 5–8-year-old, six 9–12, seven 13–18: 14 - 6 - 7 = 1.
        var decision = SmallNumbers.breakdown(new int[] {1, 6, 7},
                List.of(single(new int[][] {{1, 6, 7}}), single(new int[][] {{0, 5, 7}, {1, 1, 0}})), 5);

        assertThat(decision.withheld()).isTrue();
        assertThat(decision.shows(0)).isFalse();
        assertThat(decision.shows(1)).isFalse();
    }

    @Test
    void aGroupThatAllGaveOneAnswerWithholdsThatQuestionOnly() {
        // All ten girls said yes: "färre än 5" for their no would be 0 by subtraction.
        var unanimous = single(new int[][] {{10, 6, 0, 0}, {0, 4, 0, 0}});
        var mixed = single(new int[][] {{6, 6, 0, 0}, {2, 2, 0, 0}, {2, 2, 0, 0}});
        var decision = SmallNumbers.breakdown(new int[] {10, 10, 0, 0}, List.of(unanimous, mixed), 5);

        assertThat(decision.withheld()).isFalse();
        assertThat(decision.shows(0)).isFalse();
        assertThat(decision.shows(1)).isTrue();
    }

    @Test
    void smallGroupsWhoseHiddenNumbersFitManyWaysAreShownHidden() {
        // Four girls (yes, yes, yes, no) and two boys (yes, no): every number is small, and each can be 0 or more.
        var decision = SmallNumbers.breakdown(new int[] {4, 2, 0, 0},
                List.of(single(new int[][] {{3, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}})), 5);

        assertThat(decision.withheld()).isFalse();
        assertThat(decision.shows(0)).isTrue();
        assertThat(decision.hiddenSizes()).containsOnly(true);
    }

    @Test
    void aHiddenCellPinnedToAtLeastOneWithholdsTheQuestion() {
        // Six girls, three said yes and three no: each "färre än 5" must then be at least 2.
        var decision = SmallNumbers.breakdown(new int[] {6, 6, 0, 0},
                List.of(single(new int[][] {{3, 3, 0, 0}, {3, 3, 0, 0}})), 5);

        assertThat(decision.shows(0)).isFalse();
    }

    @Test
    void severalChoicesAreAttackedAsChoicesWithEveryoneWhoAnsweredChoosingAtLeastOne() {
        // Two groups of six; choices A (chosen by everyone), B and C (a few each), nobody left it unanswered.
        var cells = new int[][] {{6, 6, 0, 0}, {2, 1, 0, 0}, {1, 3, 0, 0}};
        var decision = SmallNumbers.breakdown(new int[] {6, 6, 0, 0},
                List.of(new SmallNumbers.Question(cells, true, -1)), 5);

        assertThat(decision.withheld()).isFalse();
        assertThat(decision.shows(0)).isTrue();
        assertThat(decision.cell(0, 0, 0)).isFalse();
        assertThat(decision.cell(0, 1, 0)).isTrue();
    }

    private static SmallNumbers.Question single(int[][] cells) {
        return new SmallNumbers.Question(cells, false, -1);
    }
}
