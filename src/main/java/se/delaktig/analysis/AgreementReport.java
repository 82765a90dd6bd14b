package se.delaktig.analysis;

import java.util.List;

/**
 * What the agreement page shows once both coders of a pass are done: the statistics overall and per
 * code, each with its reading in the person's language, and the disagreements to discuss.
 *
 * <p>A unit is one text of one interview together with one code: each coder either applied the code
 * somewhere in the text or did not. Overall pools those decisions over the codes at least one of the
 * coders used.
 *
 * @param texts           how many texts the pass covers
 * @param codesInCodebook how many codes could be picked (active codes), so the page can say how many
 *                        neither coder used
 */
public record AgreementReport(DoubleCodings.Pass pass, int texts, int codesInCodebook, Row overall, List<Row> perCode,
                              List<Disagreement> disagreements) {

    /** Fewer units than this and a single decision moves the percentage by more than ten points. */
    public static final int FEW_UNITS = 10;

    public int codesUsed() {
        return perCode.size();
    }

    /**
     * One line of figures: for a code, or overall.
     *
     * @param code          the code's name, or null for the overall row
     * @param firstApplied  in how many units the first coder applied the code (the code in the text)
     * @param secondApplied the same for the second coder
     */
    public record Row(String code, Long codeId, Agreement.Result result, int firstApplied, int secondApplied,
                      Figure percent, Figure kappa, Figure alpha) {

        /** Whether the units are so few that the figures are only a rough indication. */
        public boolean few() {
            return result.pairable() < FEW_UNITS;
        }

        /** How many percentage points one decision more or less in agreement moves the percentage. */
        public long pointsPerDecision() {
            return result.pairable() == 0 ? 0 : Math.round(100.0 / result.pairable());
        }
    }

    /**
     * A statistic as the page shows it: the figure ("0,45", "83 %", or "–") and what it means.
     *
     * @param band the word of the shared scale for kappa and alpha ("måttlig"), or null (percent, undefined)
     */
    public record Figure(String value, String reading, boolean defined, String band) {
    }

    /**
     * One text where one coder applied a code and the other did not.
     *
     * @param anchor   a stable id for the page
     * @param labelKey the message key naming the kind of text
     * @param excerpts the applying coder's spans, as text
     * @param pieces   the whole text cut at span boundaries, so each coder's spans can be highlighted
     */
    public record Disagreement(String anchor, String pseudonym, String labelKey, String questionText, String code,
                               DoubleCodings.Coder appliedBy, DoubleCodings.Coder notBy, boolean firstApplied,
                               List<String> excerpts, List<Piece> pieces) {
    }

    /** A run of text and which coders' spans cover it. */
    public record Piece(String text, boolean first, boolean second) {

        public boolean marked() {
            return first || second;
        }

        /** The highlight's class: solid underline for the first coder, dashed for the second, double for both. */
        public String cssClass() {
            return first && second ? "agreement__mark--both" : first ? "agreement__mark--first" : "agreement__mark--second";
        }
    }
}
