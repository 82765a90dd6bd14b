package se.delaktig.interview;

/**
 * What the current person may do with one interview besides reading it, so that pages show only
 * the buttons that will work.
 *
 * @param assignedToMe       the current person is the child's assigned interviewer
 * @param mayReopen          the interview is complete, the round has not reached the analysis, and
 *                           the person is the assigned interviewer or the process lead
 * @param mayWriteReflection the assigned interviewer, before the analysis has started
 */
public record InterviewPermissions(boolean assignedToMe, boolean mayReopen, boolean mayWriteReflection) {
}
