package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuppressionTest {

    @Test
    void cellsUnderTheThresholdAreHidden() {
        assertThat(Suppression.hidden(List.of(7, 2, 1, 6), 5)).containsExactly(false, true, true, false);
    }

    @Test
    void aSingleHiddenCellTakesTheNextSmallestWithItSoTheTotalGivesNothingAway() {
        assertThat(Suppression.hidden(List.of(9, 3, 6), 5)).containsExactly(false, true, true);
        assertThat(Suppression.hidden(List.of(0, 8, 12), 5)).containsExactly(true, true, false);
    }

    @Test
    void nothingSmallNothingHidden() {
        assertThat(Suppression.hidden(List.of(5, 8), 5)).containsExactly(false, false);
    }
}
