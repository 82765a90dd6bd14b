package se.delaktig.seminar;

import java.util.List;

import org.springframework.stereotype.Component;
import se.delaktig.analysis.MatrixProposals;

/** Gives the analysis matrix the seminar's proposals, in the team's rank order. */
@Component
class SeminarMatrixProposals implements MatrixProposals {

    private final Seminars seminars;

    SeminarMatrixProposals(Seminars seminars) {
        this.seminars = seminars;
    }

    @Override
    public List<Proposal> proposals(long roundId) {
        return seminars.proposals(roundId).items().stream()
                .map(p -> new Proposal(p.areaCode(), p.text(), p.rank()))
                .toList();
    }
}
