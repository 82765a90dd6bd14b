package se.delaktig.interview;

import java.time.Instant;

/**
 * One child assigned to the current person, with how far the interview has come.
 *
 * @param interviewId {@code null} while the interview has not been started
 * @param status      {@link Interviews#NOT_STARTED}, {@link Interviews#DRAFT} or {@link Interviews#COMPLETE}
 */
public record MyInterview(long participantId, long roundId, String roundTitle, String pseudonym, int age,
                          Long interviewId, String status, Instant updatedAt) {
}
