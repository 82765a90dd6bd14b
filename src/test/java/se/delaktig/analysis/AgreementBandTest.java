package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Kappa and alpha are read on one scale, with the same plain words, whichever measure a team looks at. */
class AgreementBandTest {

    @Test
    void theSameValueGetsTheSameWordForKappaAndAlpha() {
        var cases = new Object[][]{{-0.2, "sämre än slumpen"}, {0.0, "svag"}, {0.40, "svag"}, {0.41, "måttlig"},
                {0.60, "måttlig"}, {0.67, "god"}, {0.80, "god"}, {0.81, "mycket god"}, {1.0, "mycket god"}};
        for (var c : cases) {
            double value = (double) c[0];
            var word = (String) c[1];
            assertThat(AgreementBand.of(value).word(Locale.forLanguageTag("sv"))).as("%s", value).isEqualTo(word);
            var kappa = Agreement.kappaReading(value);
            var alpha = Agreement.alphaReading(value);
            assertThat(kappa).startsWith("Kappa ");
            assertThat(alpha).startsWith("Alfa ");
            // Past the measure's name the two readings are word for word the same.
            assertThat(kappa.substring("Kappa ".length())).isEqualTo(alpha.substring("Alfa ".length()));
            assertThat(kappa).contains(": " + word);
        }
    }

    @Test
    void theWordsAreThePlainSwedishBandsAndTheirEnglish() {
        assertThat(AgreementBand.values()).extracting(b -> b.word(Locale.forLanguageTag("sv")))
                .containsExactly("sämre än slumpen", "svag", "måttlig", "god", "mycket god");
        assertThat(AgreementBand.values()).extracting(b -> b.word(Locale.ENGLISH))
                .containsExactly("worse than chance", "weak", "moderate", "good", "very good");
        // Krippendorff's advice for alpha falls inside the shared bands: 0.667 is "god", 0.8 at its top.
        assertThat(Agreement.alphaReading(0.667)).startsWith("Alfa 0,67: god överensstämmelse");
        assertThat(Agreement.alphaReading(0.95)).startsWith("Alfa 0,95: mycket god överensstämmelse");
    }
}
