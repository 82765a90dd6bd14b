package se.delaktig.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A memo to the social committee as the exports print it: the head (committee, unit, date), the
 * sections as blocks of text, the tables and charts of the counts and proposals, and the signers.
 *
 * @param version the number of the saved version printed, or null for the generated draft
 */
public record CommitteeMemo(long roundId, String roundTitle, String committee, String unitName, String municipalityName,
                            LocalDate date, Integer version, List<Section> sections, MemoFacts facts,
                            List<Figure> figures, List<MemoContent.Signer> signers, String guideLabel) {

    /** One section with its heading's message key and its text as blocks. */
    public record Section(MemoSection section, String headingKey, List<MemoText.Block> blocks) {

        /** The tables and charts follow the text of "Ärendet". */
        public boolean withResults() {
            return section == MemoSection.CASE;
        }
    }

    /** One bar chart: a question's whole-round answers, numbered for its caption. */
    public record Figure(int number, String area, String question, MemoChart chart) {
    }
}
