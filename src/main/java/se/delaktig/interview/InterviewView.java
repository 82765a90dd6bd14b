package se.delaktig.interview;

import java.time.Instant;
import java.util.Map;

/**
 * An interview as the person asking may see it. Free text is already decrypted; {@code editable}
 * says whether this person may change it right now (the assigned interviewer, a draft, and a round
 * that has not reached the analysis). Safeguarding flags are deliberately not part of it: they are
 * read only through {@link Safeguarding}.
 *
 * @param status          {@link Interviews#DRAFT} or {@link Interviews#COMPLETE}
 * @param answers         the recorded answers by question id; questions without an answer are missing
 * @param version         the optimistic-locking version to send back when saving
 * @param childExperience how the child found being interviewed, "1" to "5", or null
 */
public record InterviewView(long id, long roundId, long participantId, String pseudonym, int age, String status,
                            Instant updatedAt, Instant completedAt, int version, String notes, Reflection reflection,
                            Map<Long, AnswerView> answers, Integer durationMinutes, String childExperience,
                            String childExperienceWords, String transcript, boolean editable) {

    public boolean complete() {
        return Interviews.COMPLETE.equals(status);
    }
}
