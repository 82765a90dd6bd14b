package se.delaktig.round;

import java.util.List;

/**
 * A child in a round, known only by pseudonym. Name and contact are not here: they are in the key
 * list, which only the process lead and the assigned interviewer may open.
 *
 * <p>{@code childAnswer} and {@code guardianAnswer} summarise the latest answers of the consent
 * history for readers that need only two fields; {@code consentState} is where the history stands
 * under the municipality's rule, and {@code guardians} how many guardians are to answer (0–2).
 */
public record Participant(long id, long roundId, String pseudonym, int age, Gender gender, String language,
                          ContactType contactType, ChildAnswer childAnswer, GuardianAnswer guardianAnswer,
                          Long interviewerId, String interviewerName, List<CaseWorker> caseWorkers,
                          int guardians, ConsentState consentState) {

    public ConsentStatus consent() {
        return consentState.status();
    }

    /** Whether the staff member is or has been this child's case worker. */
    public boolean isCaseWorker(long staffId) {
        return caseWorkers.stream().anyMatch(c -> c.staffId() == staffId);
    }

    public String ageBand() {
        return age <= 8 ? "5-8" : age <= 12 ? "9-12" : "13-18";
    }

    /** The parties whose answers are recorded for this child: the child and its guardians. */
    public List<ConsentParty> parties() {
        return ConsentParty.forGuardians(guardians);
    }

    /** Who interviews the child, with the pseudonym and age. */
    public ParticipantAssignment assignment() {
        return new ParticipantAssignment(id, roundId, pseudonym, age, interviewerId);
    }
}
