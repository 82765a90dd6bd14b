package se.delaktig.analysis;

import java.util.List;

import se.delaktig.guide.QuestionType;

/**
 * The counts of one round over its completed interviews, area by area and question by question, in
 * the guide's order. Sentences are written in the language they were asked for.
 */
public record RoundCounts(long roundId, String roundTitle, long guideId, String guideLabel, int completedInterviews,
                          List<AreaCounts> areas) {

    /** One area of the guide with the counts of its questions. */
    public record AreaCounts(String code, String title, List<QuestionCounts> questions) {
    }

    /**
     * The counts of one question.
     *
     * @param answered     how many completed interviews have an answer to the question
     * @param unanswered   completed interviews without an answer to it
     * @param distribution one cell per possible answer, in a stable order (for free text: only "answered")
     * @param numbers      min, median and max for a {@link QuestionType#NUMBER} question with answers; otherwise null
     * @param sentence     the result in words, as a committee memo writes it
     */
    public record QuestionCounts(long questionId, String key, QuestionType type, String text, int answered,
                                 int unanswered, List<Cell> distribution, NumberSummary numbers, String sentence) {
    }

    /** How many children gave one answer. {@code value} is the stored answer, {@code label} what a person reads. */
    public record Cell(String value, String label, int count) {
    }

    /** The spread of a number question. */
    public record NumberSummary(int min, double median, int max) {
    }
}
