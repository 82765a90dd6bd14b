package se.delaktig.analysis;

import java.util.List;

import se.delaktig.interview.CodableText;

/**
 * What the coding page shows: the round's texts, each with a label and its coded segments, and the
 * codebook's active codes to pick from.
 */
public record CodingPage(long roundId, String roundTitle, boolean mayCode, List<Code> codes, List<Text> texts) {

    /**
     * One text to code.
     *
     * @param questionText the question the text answers, or null
     */
    public record Text(CodableText source, String questionText, List<Segment> segments) {

        public String key() {
            return source.key();
        }

        /** The message key naming what kind of text this is. */
        public String labelKey() {
            return switch (source.kind()) {
                case CHILD_WORDS -> source.questionId() == null ? "analysis.text.experienceWords" : "analysis.text.childWords";
                case NOTES -> source.questionId() == null ? "analysis.text.freeNotes" : "analysis.text.notes";
                case TRANSCRIPT -> "analysis.text.transcript";
                case REFLECTION -> "analysis.text.reflection." + source.part();
            };
        }

        /** Rows for the text box: enough to read most texts whole, not so many that a transcript fills the page. */
        public int rows() {
            var lines = (int) source.text().lines().mapToLong(l -> 1 + l.length() / 70).sum();
            return Math.max(2, Math.min(14, lines));
        }
    }
}
