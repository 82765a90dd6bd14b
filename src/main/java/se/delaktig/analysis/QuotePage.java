package se.delaktig.analysis;

import java.util.List;

/**
 * The quote page of a round: candidates and approved quotes, grouped by the code they were marked
 * from in codebook order.
 *
 * @param mayEdit       whether the person may mark, edit and withdraw quotes
 * @param mayApprove    whether the person may approve: the process lead, whose check runs against the whole key list
 * @param mayEditPlaces whether the person may keep the municipality's place list
 */
public record QuotePage(long roundId, String roundTitle, boolean mayEdit, boolean mayApprove, long municipalityId, boolean mayEditPlaces,
                        List<Group> groups) {

    /** The quotes of one code. */
    public record Group(long codeId, String codeName, String parentName, List<Quote> quotes) {
    }

    public long candidates() {
        return groups.stream().flatMap(g -> g.quotes().stream()).filter(q -> !q.approved()).count();
    }

    public long approved() {
        return groups.stream().flatMap(g -> g.quotes().stream()).filter(Quote::approved).count();
    }
}
