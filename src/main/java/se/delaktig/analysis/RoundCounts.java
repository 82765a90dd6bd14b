package se.delaktig.analysis;

import java.util.List;

import se.delaktig.guide.QuestionType;

/**
 * The counts of one round over its completed interviews, area by area and question by question, in
 * the guide's order. Sentences are written in the language they were asked for.
 */
public record RoundCounts(long roundId, String roundTitle, long guideId, String guideLabel, int completedInterviews,
                          List<AreaCounts> areas, int suppressionThreshold) {

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
     * @param breakdowns   the distribution by age band, gender and type of contact, small numbers suppressed
     */
    public record QuestionCounts(long questionId, String key, QuestionType type, String text, int answered,
                                 int unanswered, List<Cell> distribution, NumberSummary numbers, String sentence,
                                 List<Breakdown> breakdowns) {

        QuestionCounts withBreakdowns(List<Breakdown> list) {
            return new QuestionCounts(questionId, key, type, text, answered, unanswered, distribution, numbers,
                    sentence, List.copyOf(list));
        }
    }

    /**
     * One question's answers split by one property of the children, after {@link SmallNumbers}: every
     * group is listed, with or without children; a number below the threshold has no count, only
     * {@code suppressed: true} and the text "färre än 5". When the small numbers could otherwise be
     * worked out, the breakdown is {@code withheld}: no groups, no rows, and a note that says why.
     *
     * @param dimension AGE_BAND, GENDER or CONTACT_TYPE
     * @param withheld  true when this question is not broken down by this property
     * @param note      why it is withheld, or null
     * @param groups    the columns, each with its number of children (n)
     * @param rows      one row per answer (and "no answer" if any child did not answer), cells in the groups' order
     */
    public record Breakdown(String dimension, String title, boolean withheld, String note, List<Group> groups,
                            List<BreakdownRow> rows) {
    }

    /** One group of children in a breakdown, e.g. the 9–12-year-olds. */
    public record Group(String value, String label, SmallNumbers.Shown n) {
    }

    /** One answer's counts in a breakdown, one per group. */
    public record BreakdownRow(String value, String label, List<SmallNumbers.Shown> cells) {
    }

    /** How many children gave one answer. {@code value} is the stored answer, {@code label} what a person reads. */
    public record Cell(String value, String label, int count) {
    }

    /** The spread of a number question. */
    public record NumberSummary(int min, double median, int max) {
    }
}
