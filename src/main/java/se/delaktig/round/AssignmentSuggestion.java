package se.delaktig.round;

import java.util.List;
import java.util.Map;

/**
 * Delaktig's proposal of who interviews which consented child, next to who does today.
 *
 * @param replan whether existing assignments were set aside and everything planned anew
 * @param rows   one per consented child, by pseudonym
 * @param loads  children per interviewer (staff id) once the proposal is accepted
 */
public record AssignmentSuggestion(long roundId, boolean replan, List<Row> rows, Map<Long, Integer> loads) {

    /** What the proposal does with one child. */
    public enum Kind {
        /** The current interviewer stays. */
        KEEP,
        /** The child has no interviewer; the proposal gives one. */
        ASSIGN,
        /** The child gets another interviewer (re-planning, or the current one now has a conflict). */
        CHANGE,
        /** Every interviewer of the unit has a conflict with this child: the lead must find someone. */
        NONE_POSSIBLE
    }

    public record Row(long participantId, String pseudonym, int age, Long currentInterviewerId,
                      String currentInterviewerName, Conflict currentConflict, Long proposedInterviewerId,
                      String proposedInterviewerName, Kind kind) {

        /** Whether accepting the proposal changes this row. */
        public boolean changes() {
            return proposedInterviewerId != null && !proposedInterviewerId.equals(currentInterviewerId);
        }
    }

    /** The most children any one interviewer gets. */
    public int maxLoad() {
        return loads.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Rows that accepting would change. */
    public List<Row> changes() {
        return rows.stream().filter(Row::changes).toList();
    }
}
