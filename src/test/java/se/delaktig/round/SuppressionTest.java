package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import se.delaktig.privacy.SuppressionAudit;

/** The missing voices' lines: numbers below the threshold are hidden; a line the total gives away is not shown. */
class SuppressionTest {

    @Test
    void cellsUnderTheThresholdAreHiddenWhenTheyCanStillBeSeveralValues() {
        // 16 missing: 7 + 6 shown, 2 + 1 hidden: each hidden one can be 0 to 3.
        assertThat(SuppressionAudit.lineSafe(new int[] {7, 2, 1, 6}, new boolean[] {false, true, true, false}, 5)).isTrue();
    }

    @Test
    void aSingleHiddenCellIsGivenAwayByTheTotalSoTheLineIsNotShown() {
        // The old rule hid the 6 as well and called it "färre än 5"; that was untrue, and the 3 is
        // still pinned for a reader who believes the text. Now the line is not shown at all.
        assertThat(SuppressionAudit.lineSafe(new int[] {9, 3, 6}, new boolean[] {false, true, false}, 5)).isFalse();
    }

    @Test
    void hiddenZerosTheTotalShowsToBeZeroProtectNobodyAndMayStay() {
        assertThat(SuppressionAudit.lineSafe(new int[] {0, 8, 12}, new boolean[] {true, false, false}, 5)).isTrue();
        assertThat(SuppressionAudit.lineSafe(new int[] {0, 0, 8}, new boolean[] {true, true, false}, 5)).isTrue();
    }

    @Test
    void hiddenNumbersThatMustEachBeFourAreGivenAway() {
        // 8 hidden over two groups, each below 5: both are 4.
        assertThat(SuppressionAudit.lineSafe(new int[] {4, 4, 9}, new boolean[] {true, true, false}, 5)).isFalse();
    }

    @Test
    void nothingSmallNothingHidden() {
        assertThat(SuppressionAudit.lineSafe(new int[] {5, 8}, new boolean[] {false, false}, 5)).isTrue();
    }
}
