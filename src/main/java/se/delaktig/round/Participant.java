package se.delaktig.round;

import java.util.List;

/**
 * A child in a round, known only by pseudonym. Name and contact are not here: they are in the key
 * list, which only the process lead and the assigned interviewer may open.
 */
public record Participant(long id, long roundId, String pseudonym, int age, Gender gender, String language,
                          ContactType contactType, ChildAnswer childAnswer, GuardianAnswer guardianAnswer,
                          Long interviewerId, String interviewerName, List<CaseWorker> caseWorkers) {

    public ConsentStatus consent() {
        return ConsentStatus.of(age, childAnswer, guardianAnswer);
    }

    /** Whether the staff member is or has been this child's case worker. */
    public boolean isCaseWorker(long staffId) {
        return caseWorkers.stream().anyMatch(c -> c.staffId() == staffId);
    }

    public String ageBand() {
        return age <= 8 ? "5-8" : age <= 12 ? "9-12" : "13-18";
    }
}
