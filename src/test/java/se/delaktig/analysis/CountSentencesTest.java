package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;

class CountSentencesTest {

    private static final Locale SV = Locale.forLanguageTag("sv");

    @Test
    void numbersUpToTwelveAreWrittenAsWordsAsMemosDo() {
        assertThat(NumberWords.of(1, SV)).isEqualTo("ett");
        assertThat(NumberWords.of(5, SV)).isEqualTo("fem");
        assertThat(NumberWords.of(8, SV)).isEqualTo("åtta");
        assertThat(NumberWords.of(12, SV)).isEqualTo("tolv");
        assertThat(NumberWords.of(13, SV)).isEqualTo("13");
        assertThat(NumberWords.capitalized(2, SV)).isEqualTo("Två");
        assertThat(NumberWords.of(8, Locale.ENGLISH)).isEqualTo("eight");
        assertThat(NumberWords.of(20, Locale.ENGLISH)).isEqualTo("20");
    }

    @Test
    void everyoneOfTwoIsBothAndEveryoneOfMoreIsAll() {
        assertThat(CountSentences.share(2, 2, false)).isEqualTo("båda barnen");
        assertThat(CountSentences.share(2, 2, true)).isEqualTo("both children");
        assertThat(CountSentences.share(3, 3, false)).isEqualTo("alla tre barn");
        assertThat(CountSentences.share(0, 2, false)).isEqualTo("inget av de två barnen");
        assertThat(CountSentences.share(1, 2, true)).isEqualTo("one of two children");
    }

    @Test
    void yesNoQuestionReadsLikeACommitteeMemo() {
        var q = question(QuestionType.YES_NO_DONT_KNOW, List.of());
        var counts = Counts.count(q, List.of("YES", "YES", "YES", "YES", "YES", "NO", "NO", "DONT_KNOW"), 8, SV);

        assertThat(counts.sentence()).isEqualTo(
                "Fem av åtta barn svarar ja på frågan ”Har du bytt socialsekreterare?”, två svarar nej och ett svarar vet inte.");
        assertThat(counts.distribution()).extracting(RoundCounts.Cell::label, RoundCounts.Cell::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ja", 5), org.assertj.core.groups.Tuple.tuple("Nej", 2),
                        org.assertj.core.groups.Tuple.tuple("Vet inte", 1));
    }

    @Test
    void englishVariantAndUnansweredInterviews() {
        var q = question(QuestionType.YES_NO_DONT_KNOW, List.of());
        var counts = Counts.count(q, List.of("YES", "YES", "NO"), 4, Locale.ENGLISH);

        assertThat(counts.sentence()).isEqualTo(
                "Two of four children answered yes to the question “Har du bytt socialsekreterare?”, one answered no."
                        + " One child did not answer.");
        assertThat(counts.unanswered()).isEqualTo(1);
    }

    @Test
    void everyoneAndNoOneAreSaidInWords() {
        var q = question(QuestionType.YES_NO_DONT_KNOW, List.of());
        assertThat(Counts.count(q, List.of("YES", "YES", "YES"), 3, SV).sentence())
                .startsWith("Alla tre barn svarar ja");
        assertThat(Counts.count(q, List.of("NO", "NO", "NO"), 3, SV).sentence())
                .startsWith("Inget av de tre barnen svarar ja").endsWith("tre svarar nej.");
    }

    @Test
    void singleChoiceListsTheMostCommonAnswerFirst() {
        var q = question(QuestionType.SINGLE_CHOICE, List.of("Varje vecka", "Varje månad", "Mer sällan", "Vet inte"));
        var counts = Counts.count(q, List.of("Varje månad", "Varje vecka", "Varje månad", "Varje månad", "Vet inte"), 5, SV);

        assertThat(counts.sentence()).isEqualTo(
                "På frågan ”Har du bytt socialsekreterare?” svarar tre av fem barn ”Varje månad”, ett ”Varje vecka” och ett ”Vet inte”.");
        assertThat(counts.distribution()).extracting(RoundCounts.Cell::label)
                .containsExactly("Varje vecka", "Varje månad", "Mer sällan", "Vet inte");
    }

    @Test
    void numberQuestionGivesMinMedianAndMax() {
        var q = question(QuestionType.NUMBER, List.of());
        var counts = Counts.count(q, List.of("1", "4", "2", "3"), 4, SV);

        assertThat(counts.numbers()).isEqualTo(new RoundCounts.NumberSummary(1, 2.5, 4));
        assertThat(counts.sentence()).isEqualTo(
                "Alla fyra barn har svarat på frågan ”Har du bytt socialsekreterare?”. Svaren ligger mellan 1 och 4, medianen är 2,5.");
    }

    @Test
    void freeTextOnlySaysHowManyAnsweredNeverWhat() {
        var q = question(QuestionType.FREE_TEXT, List.of());
        var counts = Counts.count(q, List.of("hemlig text", "mer text"), 3, SV);

        assertThat(counts.sentence()).isEqualTo("Två av tre barn har svarat på frågan ”Har du bytt socialsekreterare?” med egna ord.");
        assertThat(counts.distribution()).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("Har svarat");
            assertThat(c.count()).isEqualTo(2);
        });
        assertThat(counts.toString()).doesNotContain("hemlig");
    }

    @Test
    void noCompletedInterviewsSaysSo() {
        var q = question(QuestionType.YES_NO_DONT_KNOW, List.of());
        assertThat(Counts.count(q, List.of(), 0, SV).sentence()).isEqualTo("Ingen intervju är avslutad ännu.");
    }

    private static Question question(QuestionType type, List<String> options) {
        return new Question(1, "kontakt.bytt_socialsekreterare", type, "Har du bytt socialsekreterare?", null, options, 1);
    }
}
