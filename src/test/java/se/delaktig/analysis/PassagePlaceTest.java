package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import se.delaktig.web.InvalidInputException;

/** A passage to code is found by its words; the place the script sends is used only when it holds them. */
class PassagePlaceTest {

    private static final String TEXT = CodingWorld.WORDS_A;

    private static int[] place(Integer start, Integer end, String passage) {
        return Codings.place(TEXT, new Codings.SegmentRequest("1:CHILD_WORDS:2:", start, end, List.of(1L), passage));
    }

    @Test
    void wordsThatOccurOnceAreFoundWhereTheyStand() {
        var at = TEXT.indexOf("Varje gång");
        assertThat(place(null, null, "Varje gång")).containsExactly(at, at + "Varje gång".length());
        assertThat(place(null, null, "  Varje gång \n")).containsExactly(at, at + "Varje gång".length());
    }

    @Test
    void aPlaceThatHoldsTheWordsIsTakenAsItIs() {
        assertThat(place(0, 3, "Jag")).containsExactly(0, 3);
        // A stale place (the words were edited after selecting) gives way to the words.
        var at = TEXT.indexOf("tre olika");
        assertThat(place(0, 3, "tre olika")).containsExactly(at, at + "tre olika".length());
    }

    @Test
    void wordsNotInTheTextOrInTwoPlacesAreToldAtThePassage() {
        assertThatThrownBy(() -> place(null, null, "fyra olika")).isInstanceOf(InvalidInputException.class)
                .extracting("field", "messageKey").containsExactly("passage", "analysis.coding.passageNotFound");
        assertThatThrownBy(() -> place(null, null, "re")).isInstanceOf(InvalidInputException.class)
                .extracting("field", "messageKey").containsExactly("passage", "analysis.coding.passageTwice");
        assertThatThrownBy(() -> place(null, null, " ")).isInstanceOf(InvalidInputException.class)
                .extracting("field", "messageKey").containsExactly("passage", "analysis.coding.passageRequired");
    }

    @Test
    void apiClientsMayStillSendOnlyThePlace() {
        assertThat(place(4, 7, null)).containsExactly(4, 7);
        assertThatThrownBy(() -> place(5, 5, null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("end");
    }
}
