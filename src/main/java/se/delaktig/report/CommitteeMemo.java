package se.delaktig.report;

import java.time.LocalDate;
import java.util.List;

import se.delaktig.analysis.RoundCounts;

/**
 * The draft of the memo to the social committee for one round: what the template needs, prefilled
 * from the round.
 *
 * @param participation how many children were asked, consented, declined, are still undecided, and
 *                      how many interviews are complete
 * @param signatories   unit managers first, then process leads of the round's unit
 */
public record CommitteeMemo(long roundId, String roundTitle, String unitName, String municipalityName, LocalDate date,
                            LocalDate periodStart, LocalDate periodEnd, String guideLabel, Participation participation,
                            RoundCounts counts, List<Signatory> signatories) {

    public record Participation(int asked, int consented, int declined, int pending, int interviewed, int interviewers) {
    }

    /** @param role the message key of the role, used when the staff member has no title of their own */
    public record Signatory(String name, String title, String role) {
    }
}
