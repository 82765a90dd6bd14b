package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The de-identification check without a database: what it flags, where, and what it leaves alone. */
class DeidentificationTest {

    /** A made-up identity number with a valid check digit (born 2012-03-05), never a real person's. */
    static final String IDENTITY = withCheckDigit("120305", "238");

    private final DeidentificationCheck check = new DeidentificationCheck(
            List.of("Anna", "Karl-Erik", "Bo", "Jonas"),
            List.of("Petra Processledare", "Ida Intervjuare"),
            List.of("Ekbackaskolan", "Norra Fäladens skola", "Anna Lindhs skola", "IFK Hjärup"));

    @Test
    void aFirstNameFromTheKeyListIsFoundAsAWholeWordInAnyCase() {
        var text = "Jag heter Anna och anna är min kusins namn också.";

        assertThat(check.findings(text)).extracting(Finding::kind, Finding::text, Finding::start, Finding::end)
                .containsExactly(tuple(Finding.Kind.FIRST_NAME, "Anna", 10, 14), tuple(Finding.Kind.FIRST_NAME, "anna", 19, 23));
    }

    @Test
    void theSwedishGenitiveIsPartOfTheFinding() {
        assertThat(check.findings("Det var Annas idé, och Anna's också.")).extracting(Finding::text)
                .containsExactly("Annas", "Anna's");
        assertThat(check.findings("Jonas bror kom.")).extracting(Finding::text).containsExactly("Jonas");
    }

    @Test
    void aNameInsideAnotherWordIsNotFound() {
        assertThat(check.findings("Annastina och Hannah bor i Boden, bostaden är fin.")).isEmpty();
        assertThat(check.findings("Annasson heter han i efternamn.")).isEmpty();
    }

    @Test
    void hyphenatedNamesAreFoundWholeAndByTheirParts() {
        assertThat(check.findings("Karl-Erik kom.")).extracting(Finding::text).containsExactly("Karl-Erik");
        assertThat(check.findings("Erik kom.")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.FIRST_NAME, "Erik"));
    }

    @Test
    void staffFirstAndLastNamesAreFoundTheFullNameAsOne() {
        assertThat(check.findings("Petra Processledare lyssnade.")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.STAFF_NAME, "Petra Processledare"));
        assertThat(check.findings("Jag pratade med Ida och sen med intervjuare.")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.STAFF_NAME, "Ida"), tuple(Finding.Kind.STAFF_NAME, "intervjuare"));
        assertThat(check.findings("Idas röst var lugn.")).extracting(Finding::text).containsExactly("Idas");
    }

    @Test
    void placesOfSeveralWordsMatchWithAnySpacingAndWinOverANameInside() {
        assertThat(check.findings("Jag går på Norra  Fäladens\nskola sen i höstas.")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.PLACE, "Norra  Fäladens\nskola"));
        // "Anna" is a name on the key list, but here it is part of the school's name: one finding, the place.
        assertThat(check.findings("Vi träffades på Anna Lindhs skola.")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.PLACE, "Anna Lindhs skola"));
        assertThat(check.findings("Ekbackaskolans gård och ifk hjärup.")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.PLACE, "Ekbackaskolans"), tuple(Finding.Kind.PLACE, "ifk hjärup"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"070-123 45 67", "0701234567", "070 123 45 67", "+46 70 123 45 67", "+46701234567",
            "0046 70 123 45 67", "+46 (0)70 123 45 67", "08-123 456 78", "08-12345678", "(08) 123 45 67", "031-12 34 56",
            "0418-123 45", "073–987 65 43"})
    void swedishPhoneNumbersInCommonFormsAreFound(String number) {
        var text = "Ring mig på " + number + " efter skolan.";

        assertThat(check.findings(text)).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.PHONE, number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jag var 12 år 2019.", "Klockan 08-12 var vi där.", "Det kostade 0 kr.",
            "Rum 0-1 och år 2024-05-01.", "Vi var 0 till 3 stycken."})
    void numbersThatAreNoPhoneNumbersAreLeftAlone(String text) {
        assertThat(check.findings(text)).isEmpty();
    }

    @Test
    void aNumberFollowingAPhoneNumberIsNotTakenWithIt() {
        assertThat(check.findings("Ring 070-123 45 67 2 gånger.")).extracting(Finding::text).containsExactly("070-123 45 67");
    }

    @Test
    void emailAddressesAreFound() {
        assertThat(check.findings("Maila mig på kalle.anka_99@skolan.example.se eller x@y.nu!"))
                .extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.EMAIL, "kalle.anka_99@skolan.example.se"), tuple(Finding.Kind.EMAIL, "x@y.nu"));
        assertThat(check.findings("Vi sågs @ fritids.")).isEmpty();
    }

    @Test
    void identityNumbersAreFoundAndWinOverAPhoneNumberOfTheSameDigits() {
        var dashed = IDENTITY.substring(0, 6) + "-" + IDENTITY.substring(6);
        assertThat(check.findings("Mitt nummer är " + dashed + ".")).extracting(Finding::kind, Finding::text)
                .containsExactly(tuple(Finding.Kind.IDENTITY_NUMBER, dashed));
        assertThat(check.findings("Personnummer 20" + IDENTITY + " står på pappret.")).extracting(Finding::kind)
                .containsExactly(Finding.Kind.IDENTITY_NUMBER);
    }

    @Test
    void findingsOfEveryKindStandInTextOrderAndReplaceWithNeutralPlaceholders() {
        var text = "Anna ringde Petra på 070-123 45 67 från Ekbackaskolan, mejla anna@example.se.";
        var findings = check.findings(text);
        assertThat(findings).extracting(Finding::kind).containsExactly(Finding.Kind.FIRST_NAME, Finding.Kind.STAFF_NAME,
                Finding.Kind.PHONE, Finding.Kind.PLACE, Finding.Kind.EMAIL);

        var result = text;
        // From the end, so that the offsets of the earlier findings still hold.
        for (int i = findings.size() - 1; i >= 0; i--) {
            result = DeidentificationCheck.replace(result, findings.get(i));
        }
        assertThat(result).isEqualTo("[namn] ringde [namn] på [telefonnummer] från [plats], mejla [e-post].");
        assertThat(check.findings(result)).isEmpty();
        var withNumber = "Nummer " + IDENTITY;
        assertThat(DeidentificationCheck.replace(withNumber, check.findings(withNumber).get(0))).isEqualTo("Nummer [personnummer]");
    }

    @Test
    void aShortNameIsStillAWholeWordOnly() {
        assertThat(check.findings("Bo bor i en bod.")).extracting(Finding::text).containsExactly("Bo");
    }

    @Test
    void anEmptyListFindsOnlyNumbersAndAddresses() {
        var bare = new DeidentificationCheck(List.of(), List.of(" ", "A"), null);
        assertThat(bare.findings("Anna på Ekbackaskolan, 0701234567")).extracting(Finding::kind)
                .containsExactly(Finding.Kind.PHONE);
        assertThat(bare.findings("")).isEmpty();
        assertThat(bare.findings(null)).isEmpty();
    }

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
}
