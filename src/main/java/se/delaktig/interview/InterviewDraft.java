package se.delaktig.interview;

import java.util.List;

/**
 * Everything the interviewer records in the form, as typed. A save replaces the whole draft: a part
 * left out (null) is empty afterwards.
 *
 * @param answers              one entry per question with anything recorded
 * @param notes                free notes that belong to no question
 * @param durationMinutes      how long the interview took, as typed (a whole number of minutes, 1–600)
 * @param childExperience      how the child found being interviewed, "1" (very sad) to "5" (very happy)
 * @param childExperienceWords the child's own words about being interviewed
 * @param transcript           a full transcript, typed or pasted
 */
public record InterviewDraft(List<AnswerInput> answers, String notes, String durationMinutes, String childExperience,
                             String childExperienceWords, String transcript) {

    /** Answers and notes only, as the first version of the form recorded them. */
    public static InterviewDraft of(List<AnswerInput> answers, String notes) {
        return new InterviewDraft(answers, notes, null, null, null, null);
    }
}
