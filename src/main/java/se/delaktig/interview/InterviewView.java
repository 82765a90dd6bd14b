package se.delaktig.interview;

import java.time.Instant;
import java.util.Map;

/**
 * An interview as the person asking may see it. Free text is already decrypted; {@code editable}
 * says whether this person may change it right now (the assigned interviewer, a draft, and a round
 * that has not reached the analysis).
 *
 * @param status  {@link Interviews#DRAFT} or {@link Interviews#COMPLETE}
 * @param answers the recorded answers by question id; questions without an answer are missing
 * @param version the optimistic-locking version to send back when saving
 */
public record InterviewView(long id, long roundId, long participantId, String pseudonym, int age, String status,
                            Instant updatedAt, Instant completedAt, int version, String notes, String reflection,
                            Map<Long, AnswerView> answers, boolean editable) {

    public boolean complete() {
        return Interviews.COMPLETE.equals(status);
    }
}
