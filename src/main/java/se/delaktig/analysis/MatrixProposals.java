package se.delaktig.analysis;

import java.util.List;

/**
 * Where the analysis matrix gets its third column from: the proposals the team made in the
 * seminar. The seminar module implements it (it depends on analysis, never the other way round);
 * without an implementation the column is empty.
 */
public interface MatrixProposals {

    /** A proposal for one area, ranked by the team (1 first). */
    record Proposal(String areaCode, String text, int rank) {
    }

    /** The round's proposals in rank order; the caller has already checked the person may read the round. */
    List<Proposal> proposals(long roundId);
}
