package se.delaktig.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard against identity numbers in free text. The numbers are made up here: a date and a
 * serial number with a computed Luhn check digit, never a real person's number.
 */
class IdentityNumbersTest {

    /** Ten digits YYMMDDNNNC where C is the Luhn check digit of the first nine. */
    static String withCheckDigit(String yymmdd, String serial) {
        var nine = yymmdd + serial;
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int digit = nine.charAt(i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return nine + (10 - sum % 10) % 10;
    }

    /** The same number with a wrong check digit. */
    static String withWrongCheckDigit(String yymmdd, String serial) {
        var right = withCheckDigit(yymmdd, serial);
        var wrong = (right.charAt(9) - '0' + 1) % 10;
        return right.substring(0, 9) + wrong;
    }

    private static final String CHILD = withCheckDigit("120305", "238");       // born 2012-03-05
    private static final String ADULT = withCheckDigit("781130", "402");       // born 1978-11-30
    private static final String COORDINATION = withCheckDigit("120365", "239"); // day 05 + 60

    private static String dashed(String ten) {
        return ten.substring(0, 6) + "-" + ten.substring(6);
    }

    @Test
    void theGeneratedNumbersPassTheLuhnCheckAndTheWrongOnesDoNot() {
        assertThat(IdentityNumbers.luhnValid(CHILD)).isTrue();
        assertThat(IdentityNumbers.luhnValid(ADULT)).isTrue();
        assertThat(IdentityNumbers.luhnValid(withWrongCheckDigit("120305", "238"))).isFalse();
    }

    @Test
    void recognisesEveryCommonWayOfWritingAPersonnummer() {
        assertThat(IdentityNumbers.containsIdentityNumber(dashed(CHILD))).as("YYMMDD-NNNN").isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber(CHILD)).as("YYMMDDNNNN").isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber("20" + dashed(CHILD))).as("YYYYMMDD-NNNN").isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber("20" + CHILD)).as("YYYYMMDDNNNN").isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber("19" + ADULT)).as("19YYMMDDNNNN").isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber(ADULT.substring(0, 6) + "+" + ADULT.substring(6)))
                .as("plus for someone over a hundred").isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber(ADULT.substring(0, 6) + " " + ADULT.substring(6)))
                .as("space separator").isTrue();
    }

    @Test
    void recognisesASamordningsnummer() {
        assertThat(IdentityNumbers.containsIdentityNumber(dashed(COORDINATION))).isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber("20" + COORDINATION)).isTrue();
    }

    @Test
    void findsTheNumberInsideAnOrdinarySentence() {
        assertThat(IdentityNumbers.containsIdentityNumber("Pojken (" + dashed(CHILD) + ") berättade om skolan.")).isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber("Hon sa att numret var " + CHILD + ", tror jag.")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Ring mig på 08-123 45 67 efter tre.",
            "Mobil 070-123 45 67",
            "Kostnaden blev 1 250 000 kronor.",
            "Budgeten är 12500000 kr",
            "Mötet var 2024-03-05 klockan 10.",
            "Född 20120305, sa hon.",
            "Ärendenummer 1234567890",
            "Hon är 12 år och har träffat 3 socialsekreterare.",
            ""})
    void leavesOrdinaryNumbersAlone(String text) {
        assertThat(IdentityNumbers.containsIdentityNumber(text)).isFalse();
    }

    @Test
    void aNumberThatFailsTheLuhnCheckIsNotAnIdentityNumber() {
        var wrong = withWrongCheckDigit("120305", "238");
        assertThat(IdentityNumbers.containsIdentityNumber(dashed(wrong))).isFalse();
        assertThat(IdentityNumbers.containsIdentityNumber("20" + wrong)).isFalse();
    }

    @Test
    void nothingIsFoundInNoText() {
        assertThat(IdentityNumbers.containsIdentityNumber(null)).isFalse();
    }
}
