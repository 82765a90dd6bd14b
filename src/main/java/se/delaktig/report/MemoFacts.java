package se.delaktig.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers behind a memo version's tables and charts, taken from the round when the version is
 * saved and kept with it, so a version prints the same later – also after the round's free text is
 * shredded. Whole-round counts only (no breakdowns, so no small numbers to suppress) and the
 * seminar's proposals: nothing in here is a child's own words.
 */
public record MemoFacts(int interviewed, List<Area> areas, List<Proposal> proposals) {

    public MemoFacts {
        areas = List.copyOf(areas);
        proposals = List.copyOf(proposals);
    }

    /** One area of the guide with its questions' counts. */
    public record Area(String title, List<Question> questions) {
    }

    /**
     * One question's whole-round counts.
     *
     * @param freeText free-text questions are only counted ("har svarat"), never charted
     */
    public record Question(String text, boolean freeText, int answered, int unanswered, List<Cell> cells) {

        /** "Ja 2 · Nej 1 · Vet inte 0", as the counts table prints the answers; "–" when there are none. */
        public String answers() {
            if (cells.isEmpty()) {
                return "–";
            }
            var parts = new ArrayList<String>();
            cells.forEach(c -> parts.add(c.label() + " " + c.count()));
            return String.join(" · ", parts);
        }

        /** Whether the question gets a bar chart: answers to choose from, and at least one answer. */
        public boolean charted() {
            return !freeText && answered > 0 && !cells.isEmpty();
        }
    }

    /** How many children gave one answer. */
    public record Cell(String label, int count) {
    }

    /** A seminar proposal, ranked from 1; {@code area} may be null. */
    public record Proposal(int rank, String text, String area) {
    }
}
