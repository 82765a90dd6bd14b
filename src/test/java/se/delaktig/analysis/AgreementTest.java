package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AgreementTest {

    /**
     * Wikipedia, "Cohen's kappa", section "Simple example": 50 applications, reader A and B both say yes
     * to 20, A yes / B no 5, A no / B yes 10, both no 15. po = 0.7, pe = 0.5 x 0.6 + 0.5 x 0.4 = 0.5,
     * kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
     */
    @Test
    void cohensKappaReproducesTheWikipediaExample() {
        var a = new ArrayList<String>();
        var b = new ArrayList<String>();
        add(a, b, 20, "yes", "yes");
        add(a, b, 5, "yes", "no");
        add(a, b, 10, "no", "yes");
        add(a, b, 15, "no", "no");

        var result = Agreement.twoCoders(a, b);

        assertThat(result.units()).isEqualTo(50);
        assertThat(result.agreements()).isEqualTo(35);
        assertThat(result.percentAgreement().value()).isCloseTo(70.0, within(1e-9));
        assertThat(result.cohensKappa().value()).isCloseTo(0.4, within(1e-9));
        // Landis & Koch: 0.21-0.40 is "fair", in Swedish "svag".
        assertThat(result.cohensKappa().reading()).startsWith("Kappa 0,40: svag");
        assertThat(result.percentAgreement().reading()).contains("35 av 50 enheter (70 %)");
    }

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: binary data, two
     * observers, no missing data, ten units; alpha = 0.095. By hand: 20 values, n0 = 14, n1 = 6, four
     * disagreeing units give o01 = 4, so alpha = 1 - (n - 1) o01 / (n0 n1) = 1 - 19 x 4 / 84 = 0.0952.
     */
    @Test
    void krippendorffsAlphaReproducesTheTwoObserverBinaryExample() {
        var a = List.of(0, 1, 0, 0, 0, 0, 0, 0, 1, 0);
        var b = List.of(1, 1, 1, 0, 0, 1, 0, 0, 0, 0);

        var result = Agreement.twoCoders(a, b);

        assertThat(result.krippendorffsAlpha().value()).isCloseTo(1 - 19.0 * 4 / 84, within(1e-9));
        assertThat(result.krippendorffsAlpha().value()).isCloseTo(0.095, within(0.0005));
        assertThat(result.krippendorffsAlpha().reading()).startsWith("Alfa 0,10: svag överensstämmelse");
        assertThat(result.percentAgreement().value()).isCloseTo(60.0, within(1e-9));
    }

    /**
     * Krippendorff (2011), section C: nominal data, four observers (A-D), twelve units, missing values;
     * alpha = 0.743. Rows are observers here; the method takes units, so the matrix is transposed.
     */
    @Test
    void krippendorffsAlphaReproducesTheFourObserverNominalExampleWithMissingValues() {
        Integer[][] observers = {
                {1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null},
                {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3},
                {null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null},
                {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null}};

        assertThat(Agreement.krippendorffsAlpha(units(observers))).isCloseTo(0.743, within(0.0005));
    }

    /**
     * Wikipedia, "Krippendorff's alpha", section "A computational example": three coders, fifteen units,
     * many missing values; nominal alpha = 0.691.
     */
    @Test
    void krippendorffsAlphaReproducesTheWikipediaExample() {
        Integer[][] coders = {
                {null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3},
                {1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null},
                {null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4}};

        var alpha = Agreement.krippendorffsAlpha(units(coders));

        assertThat(alpha).isCloseTo(0.691, within(0.0005));
        assertThat(Agreement.alphaReading(alpha)).startsWith("Alfa 0,69: god överensstämmelse");
    }

    @Test
    void missingValuesAreLeftOutOfPercentageAndKappa() {
        var a = Arrays.asList("x", "y", null, "x");
        var b = Arrays.asList("x", "y", "x", null);

        var result = Agreement.twoCoders(a, b);

        assertThat(result.units()).isEqualTo(4);
        assertThat(result.pairable()).isEqualTo(2);
        assertThat(result.percentAgreement().value()).isEqualTo(100.0);
        assertThat(result.cohensKappa().value()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void perfectAgreementWithVariationIsOneOnEveryMeasure() {
        var result = Agreement.twoCoders(List.of("a", "b", "a", "c"), List.of("a", "b", "a", "c"));

        assertThat(result.percentAgreement().value()).isEqualTo(100.0);
        assertThat(result.cohensKappa().value()).isCloseTo(1.0, within(1e-9));
        assertThat(result.krippendorffsAlpha().value()).isCloseTo(1.0, within(1e-9));
        assertThat(result.cohensKappa().reading()).contains("mycket god");
        assertThat(result.krippendorffsAlpha().reading()).contains("mycket god");
    }

    @Test
    void withoutVariationKappaAndAlphaAreUndefinedAndTheReadingSaysSo() {
        // Neither coder applied the code to any of five interviews: full agreement, but nothing to compare.
        var result = Agreement.binary(List.of(1, 2, 3, 4, 5), Set.of(), Set.of());

        assertThat(result.percentAgreement().value()).isEqualTo(100.0);
        assertThat(result.cohensKappa().value()).isNull();
        assertThat(result.cohensKappa().defined()).isFalse();
        assertThat(result.cohensKappa().reading()).startsWith("Kan inte beräknas").contains("ingen variation");
        assertThat(result.krippendorffsAlpha().value()).isNull();
        assertThat(result.krippendorffsAlpha().reading()).startsWith("Kan inte beräknas");
        assertThat(result.toString()).doesNotContain("NaN");
    }

    @Test
    void noPairableUnitsGivesNoNumbersButReadings() {
        var result = Agreement.twoCoders(Arrays.asList("a", null), Arrays.asList(null, "b"));

        assertThat(result.percentAgreement().value()).isNull();
        assertThat(result.cohensKappa().value()).isNull();
        assertThat(result.krippendorffsAlpha().value()).isNull();
        assertThat(result.percentAgreement().reading()).contains("inga enheter");
    }

    @Test
    void completeDisagreementIsBelowChance() {
        var result = Agreement.twoCoders(List.of("a", "b", "a", "b"), List.of("b", "a", "b", "a"));

        assertThat(result.percentAgreement().value()).isZero();
        assertThat(result.cohensKappa().value()).isCloseTo(-1.0, within(1e-9));
        assertThat(result.cohensKappa().reading()).contains("sämre än slumpen");
    }

    @Test
    void perCodeReportsEachCodeAndPoolsTheDecisionsOverall() {
        var interviews = List.of(1L, 2L, 3L, 4L);
        var first = Map.of("trygghet", Set.of(1L, 2L), "bemotande", Set.of(3L));
        var second = Map.of("trygghet", Set.of(1L, 2L), "bemotande", Set.of(4L));

        var report = Agreement.perCode(interviews, List.of("trygghet", "bemotande", "oanvand"), first, second);

        assertThat(report.perCode()).extracting(Agreement.CodeAgreement::code)
                .containsExactly("trygghet", "bemotande", "oanvand");
        assertThat(report.perCode().get(0).result().cohensKappa().value()).isCloseTo(1.0, within(1e-9));
        assertThat(report.perCode().get(1).result().agreements()).isEqualTo(2);
        assertThat(report.perCode().get(2).result().cohensKappa().defined()).isFalse();
        // 3 codes x 4 interviews = 12 decisions, of which only interviews 3 and 4 on "bemotande" differ.
        assertThat(report.overall().pairable()).isEqualTo(12);
        assertThat(report.overall().agreements()).isEqualTo(10);
    }

    private static void add(List<String> a, List<String> b, int times, String first, String second) {
        for (int i = 0; i < times; i++) {
            a.add(first);
            b.add(second);
        }
    }

    private static List<List<Integer>> units(Integer[][] byCoder) {
        var units = new ArrayList<List<Integer>>();
        for (int u = 0; u < byCoder[0].length; u++) {
            var unit = new ArrayList<Integer>();
            for (Integer[] coder : byCoder) {
                unit.add(coder[u]);
            }
            units.add(unit);
        }
        return units;
    }
}
