package se.delaktig.analysis;

import java.time.LocalDate;
import java.util.List;

import se.delaktig.guide.QuestionType;

/**
 * One unit's rounds side by side, question by question, oldest round first. Questions are matched
 * across guide versions by their stable key, so a reworded question stays one line of the comparison.
 *
 * <p>Whole-round numbers are shown as the counts page and the memo show them. When the comparison
 * is narrowed to a group of children (an age band, a gender, a type of contact), every number comes
 * from the round's breakdown as {@link SmallNumbers} decided it for the counts page: a suppressed
 * number reads "färre än 5" and has no count, and nothing is shown that the counts page hides.
 *
 * @param choices the rounds that can be compared: at analysis or later (or closed) with completed interviews
 * @param rounds  the rounds compared, oldest first
 * @param group   the group the comparison is narrowed to, or null for whole rounds
 * @param groups  the groups it can be narrowed to
 */
public record UnitTrends(long unitId, String unitName, int suppressionThreshold, List<RoundChoice> choices,
                         List<RoundColumn> rounds, GroupChoice group, List<GroupChoice> groups,
                         List<AreaTrend> areas) {

    /** A round that can be picked, and whether it is in the comparison. */
    public record RoundChoice(long roundId, String title, LocalDate periodStart, LocalDate periodEnd,
                              String stage, int completedInterviews, boolean selected) {
    }

    /** A compared round with its guide version and its number of completed interviews (a whole-round number). */
    public record RoundColumn(long roundId, String title, String guideLabel, int completedInterviews) {
    }

    /** A group the comparison can be narrowed to; {@code value} is e.g. {@code GENDER:GIRL}. */
    public record GroupChoice(String value, String dimension, String dimensionTitle, String label) {
    }

    /** An area of the newest guide (or of an older one, for questions the newest no longer has). */
    public record AreaTrend(String code, String title, List<QuestionTrend> questions) {
    }

    /**
     * One question across the rounds.
     *
     * @param text    the newest wording
     * @param options the answers compared, in the guide's order, "no answer" last when any round has one
     * @param main    the answer whose share the chart follows ("ja", or the most common answer of the newest round)
     * @param rounds  one entry per compared round, in the same order as {@link UnitTrends#rounds()}
     */
    public record QuestionTrend(String key, QuestionType type, String text, List<Option> options, Option main,
                                List<RoundAnswer> rounds) {
    }

    /** One answer a child could give. */
    public record Option(String value, String label) {
    }

    /**
     * One question in one round.
     *
     * @param asked    false when the round's guide had no question with this key
     * @param note     why there are no numbers ("ingen fråga det året", no children in the group), else null
     * @param text     the wording that year
     * @param reworded whether that wording differs from the newest
     * @param children the children counted: the round's completed interviews, or the group's size
     * @param shares   one per {@link QuestionTrend#options()}, in the same order
     * @param main     the share of the main answer, as in {@code shares}
     * @param sentence the whole round's result in words, as memos write it
     */
    public record RoundAnswer(long roundId, boolean asked, String note, String text, boolean reworded,
                              SmallNumbers.Shown children, List<Share> shares, Share main, String sentence) {
    }

    /**
     * How many children gave one answer, and their share in whole percent of the children counted.
     * A suppressed count has no count and no percent. {@code offered} is false when the answer was
     * not one of that year's options.
     */
    public record Share(String value, String label, boolean offered, SmallNumbers.Shown count, Integer percent) {
    }
}
