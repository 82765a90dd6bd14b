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

        /** Whether anything in this text is coded yet. */
        public boolean coded() {
            return !segments.isEmpty();
        }

        /**
         * The text cut where coded segments begin and end, each piece with the names of the codes that
         * cover it (none: plain text), so the page can highlight coded passages, overlapping ones too.
         */
        public List<Piece> pieces() {
            var text = source.text();
            var cuts = new java.util.TreeSet<Integer>(List.of(0, text.length()));
            for (var s : segments) {
                cuts.add(Math.max(0, Math.min(text.length(), s.start())));
                cuts.add(Math.max(0, Math.min(text.length(), s.end())));
            }
            var bounds = List.copyOf(cuts);
            var pieces = new java.util.ArrayList<Piece>();
            for (int i = 0; i + 1 < bounds.size(); i++) {
                int from = bounds.get(i);
                int to = bounds.get(i + 1);
                var codes = segments.stream().filter(s -> s.start() <= from && s.end() >= to)
                        .map(Segment::codeName).distinct().toList();
                pieces.add(new Piece(text.substring(from, to), codes));
            }
            return List.copyOf(pieces);
        }
    }

    /** A stretch of a text and the codes on it; {@code codes} is empty for text nobody has coded. */
    public record Piece(String text, List<String> codes) {

        public boolean coded() {
            return !codes.isEmpty();
        }

        public String codeNames() {
            return String.join(", ", codes);
        }
    }

    /** How many of the round's texts have at least one coded passage. */
    public long codedTexts() {
        return texts.stream().filter(Text::coded).count();
    }
}
