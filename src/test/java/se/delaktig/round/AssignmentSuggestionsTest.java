package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import se.delaktig.organization.StaffMember;

class AssignmentSuggestionsTest {

    private static final List<StaffMember> STAFF = List.of(staff(10), staff(11), staff(12));

    @Test
    void everyChildGetsSomeoneWithoutConflictAndNobodyGetsMoreThanNeeded() {
        // Child 1 has 10 as case worker, child 2 had 10 and 11, child 3 is known by 12.
        var children = List.of(child(1, null, cw(10, true)), child(2, null, cw(10, false), cw(11, true)),
                child(3, null), child(4, null), child(5, null));
        var known = Map.of(3L, Set.of(12L));
        var plan = AssignmentSuggestions.plan(1, false, children, STAFF, known);

        assertThat(plan.rows()).allSatisfy(r -> assertThat(r.proposedInterviewerId()).isNotNull());
        assertThat(plan.maxLoad()).isEqualTo(2);
        assertThat(proposed(plan, 1)).isNotEqualTo(10L);
        assertThat(proposed(plan, 2)).isEqualTo(12L);
        assertThat(proposed(plan, 3)).isNotEqualTo(12L);
        assertThat(plan.loads().values()).containsExactlyInAnyOrder(2, 2, 1);
    }

    @Test
    void theSameDataGivesTheSameProposal() {
        var children = new ArrayList<Participant>();
        for (int i = 1; i <= 7; i++) {
            children.add(child(i, null, cw(10 + i % 3, i % 2 == 0)));
        }
        var first = AssignmentSuggestions.plan(1, false, children, STAFF, Map.of());
        var second = AssignmentSuggestions.plan(1, false, List.copyOf(children), List.copyOf(STAFF), new HashMap<>());
        assertThat(second).isEqualTo(first);
        assertThat(first.maxLoad()).isEqualTo(3);
    }

    @Test
    void existingAssignmentsAreKeptUnlessTheLeadAsksToPlanAnew() {
        // 12 already has two children; a re-plan spreads them out, keeping would not.
        var children = List.of(child(1, 12L), child(2, 12L), child(3, null));
        var kept = AssignmentSuggestions.plan(1, false, children, STAFF, Map.of());
        assertThat(kept.rows().get(0).kind()).isEqualTo(AssignmentSuggestion.Kind.KEEP);
        assertThat(kept.rows().get(1).kind()).isEqualTo(AssignmentSuggestion.Kind.KEEP);
        assertThat(proposed(kept, 3)).isIn(10L, 11L);
        assertThat(kept.changes()).hasSize(1);

        var replanned = AssignmentSuggestions.plan(1, true, children, STAFF, Map.of());
        assertThat(replanned.maxLoad()).isEqualTo(1);
        assertThat(replanned.changes()).hasSize(2);
    }

    @Test
    void anExistingAssignmentThatNowConflictsIsReplacedAndAChildNobodyMayInterviewIsSaidSo() {
        var children = List.of(child(1, 10L), child(2, null, cw(10, true), cw(11, true), cw(12, false)));
        var plan = AssignmentSuggestions.plan(1, false, children, STAFF, Map.of(1L, Set.of(10L)));
        var first = plan.rows().get(0);
        assertThat(first.currentConflict()).isEqualTo(Conflict.KNOWS_FAMILY);
        assertThat(first.kind()).isEqualTo(AssignmentSuggestion.Kind.CHANGE);
        assertThat(first.proposedInterviewerId()).isNotEqualTo(10L);
        assertThat(plan.rows().get(1).kind()).isEqualTo(AssignmentSuggestion.Kind.NONE_POSSIBLE);
        assertThat(plan.rows().get(1).proposedInterviewerId()).isNull();
    }

    @Test
    void augmentingPathsMoveAChildWhenThatLetsEveryoneBePlaced() {
        // Child 1 may go to 10 or 11, child 2 only to 10: a greedy pass would give 10 to child 1.
        var children = List.of(child(1, null, cw(12, true)), child(2, null, cw(11, true), cw(12, true)));
        var twoStaff = List.of(staff(10), staff(11), staff(12));
        var plan = AssignmentSuggestions.plan(1, false, children, twoStaff, Map.of());
        assertThat(proposed(plan, 2)).isEqualTo(10L);
        assertThat(proposed(plan, 1)).isEqualTo(11L);
        assertThat(plan.maxLoad()).isEqualTo(1);
    }

    private static Long proposed(AssignmentSuggestion plan, long participantId) {
        return plan.rows().stream().filter(r -> r.participantId() == participantId).findFirst().orElseThrow()
                .proposedInterviewerId();
    }

    private static StaffMember staff(long id) {
        return new StaffMember(id, "s" + id, "Person " + id, null, null, false, true, 0, null);
    }

    private static CaseWorker cw(long id, boolean current) {
        return new CaseWorker(id, "Person " + id, current);
    }

    private static Participant child(long id, Long interviewer, CaseWorker... caseWorkers) {
        return new Participant(id, 1, String.format("B%02d", id), 10, Gender.GIRL, "sv", null, ChildAnswer.YES,
                GuardianAnswer.CONSENTED, interviewer, interviewer == null ? null : "Person " + interviewer,
                List.of(caseWorkers), 2, ConsentState.CONSENTED);
    }
}
