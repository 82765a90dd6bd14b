package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.DecisionWorld;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.Outcome;

/** The memo of a round tells the committee what became of the actions decided after the unit's previous round. */
@IntegrationTest
class MemoFollowUpIT {

    @Autowired DecisionWorld decisionWorld;
    @Autowired Decisions decisions;
    @Autowired MemoDrafts drafts;

    @Test
    void theDraftReportsEachActionOfTheUnitsPreviousRoundWithItsStatusOwnerAndDeadline() {
        var w = decisionWorld.create();
        var proposal = w.previousProposals().get(0);
        TestFixtures.run(w.manager(), () -> {
            decisions.decide(w.previousRoundId(), new Decisions.DecisionInput(proposal, Outcome.APPROVED, null,
                    DecidingBody.COMMITTEE, LocalDate.of(2025, 10, 15), null, null));
            var done = decisions.addAction(w.previousRoundId(), new Decisions.NewAction(proposal,
                    "Överlämningsmöte vid byte av socialsekreterare", w.interviewerId(), LocalDate.of(2026, 3, 31)));
            decisions.updateAction(done.id(), new Decisions.ActionChange(null, null, null, ActionStatus.DONE, done.version()));
            decisions.addAction(w.previousRoundId(), new Decisions.NewAction(proposal,
                    "Bildstöd för de yngsta barnen", w.interviewerId(), LocalDate.of(2026, 1, 31)));
        });

        var text = TestFixtures.as(w.lead(), () -> drafts.draft(w.roundId())).content().text(MemoSection.CASE);

        assertThat(text).contains(w.previousTitle());
        assertThat(text).contains("Efter den omgången beslutades 2 åtgärder. Klara: 1. Pågår: 0. Planerade: 1. Avbrutna: 0. Försenade: 1.");
        assertThat(text).contains("- Överlämningsmöte vid byte av socialsekreterare – klar (ansvarig: ")
                .contains("klart senast 31 mars 2026)");
        assertThat(text).contains("- Bildstöd för de yngsta barnen – planerad (ansvarig: ")
                .contains("klart senast 31 januari 2026) Försenad.");
        // Each action is a list item on a line of its own.
        assertThat(text.lines().filter(line -> line.startsWith("- ") && line.contains("(ansvarig: "))).hasSize(2);
    }

    @Test
    void aUnitsFirstRoundSaysThereIsNothingToFollowUp() {
        var w = decisionWorld.create();
        var text = TestFixtures.as(w.lead(), () -> drafts.draft(w.previousRoundId())).content().text(MemoSection.CASE);
        assertThat(text).contains("Det här är enhetens första omgång");
    }
}
