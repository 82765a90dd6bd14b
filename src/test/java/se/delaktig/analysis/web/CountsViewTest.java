package se.delaktig.analysis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import se.delaktig.analysis.RoundCounts;
import se.delaktig.analysis.RoundCounts.Breakdown;
import se.delaktig.analysis.RoundCounts.BreakdownRow;
import se.delaktig.analysis.RoundCounts.Group;
import se.delaktig.analysis.SmallNumbers;
import se.delaktig.guide.QuestionType;

/**
 * "Too few children to break down" is said only where a table would show nothing but "färre än 5",
 * and is worked out from the published counts alone.
 */
class CountsViewTest {

    private static final SmallNumbers.Shown HIDDEN = new SmallNumbers.Shown(null, true, "färre än 5");

    private static SmallNumbers.Shown shown(int n) {
        return new SmallNumbers.Shown(n, false, Integer.toString(n));
    }

    private static Breakdown table(String dimension, String title, SmallNumbers.Shown... sizes) {
        var groups = java.util.Arrays.stream(sizes).map(n -> new Group("g", "G", n)).toList();
        var cells = java.util.Arrays.stream(sizes).map(n -> HIDDEN).toList();
        return new Breakdown(dimension, title, false, null, groups, List.of(new BreakdownRow("YES", "Ja", cells)));
    }

    private static Breakdown withheld(String dimension, String title) {
        return new Breakdown(dimension, title, true, "Visas inte", List.of(), List.of());
    }

    private static RoundCounts counts(List<Breakdown> first, List<Breakdown> second) {
        var q1 = new RoundCounts.QuestionCounts(1, "a", QuestionType.YES_NO_DONT_KNOW, "Fråga 1", 3, 0, List.of(), null, "", first);
        var q2 = new RoundCounts.QuestionCounts(2, "b", QuestionType.YES_NO_DONT_KNOW, "Fråga 2", 3, 0, List.of(), null, "", second);
        return new RoundCounts(1, "Omgång", 1, "Guide", 3, List.of(
                new RoundCounts.AreaCounts("kontakt", "Kontakt", List.of(q1)),
                new RoundCounts.AreaCounts("kunskap", "Kunskap", List.of(q2))), 5);
    }

    @Test
    void aPropertyWhoseEveryPublishedGroupIsHiddenIsSaidOnce() {
        var counts = counts(
                List.of(table("AGE_BAND", "ålder", HIDDEN, HIDDEN, HIDDEN), table("GENDER", "kön", shown(6), HIDDEN)),
                List.of(withheld("AGE_BAND", "ålder"), table("GENDER", "kön", shown(6), HIDDEN)));
        var view = CountsView.of(counts, null, null);
        assertThat(view.tooFew()).containsOnlyKeys("AGE_BAND");
        assertThat(view.tooFewPhrase("eller")).isEqualTo("ålder");
        assertThat(view.shownPhrase(counts.areas().get(0).questions().get(0).breakdowns(), "och")).isEqualTo("kön");
        assertThat(view.anyShown(List.of(withheld("AGE_BAND", "ålder")))).isFalse();
    }

    @Test
    void aPropertyWithheldEverywhereIsNotCalledTooFewForThatWouldTellItsGroupSizes() {
        var counts = counts(List.of(withheld("GENDER", "kön")), List.of(withheld("GENDER", "kön")));
        assertThat(CountsView.of(counts, null, null).tooFew()).isEmpty();
    }

    @Test
    void theAreaFilterAndTheViewChoice() {
        var counts = counts(List.of(), List.of());
        var kunskap = CountsView.of(counts, "kunskap", "table");
        assertThat(kunskap.areas()).extracting(RoundCounts.AreaCounts::code).containsExactly("kunskap");
        assertThat(kunskap.area()).isEqualTo("kunskap");
        assertThat(kunskap.tables()).isTrue();
        // An unknown area shows them all; anything but "table" shows charts first.
        var all = CountsView.of(counts, "nonsense", "nonsense");
        assertThat(all.areas()).hasSize(2);
        assertThat(all.area()).isNull();
        assertThat(all.tables()).isFalse();
        assertThat(CountsView.phrase(List.of("ålder", "kön", "typ av kontakt"), "eller")).isEqualTo("ålder, kön eller typ av kontakt");
    }
}
