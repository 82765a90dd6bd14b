package se.delaktig.round;

/**
 * Tells the round whether a child's interview has begun: opened by the interviewer, as a draft or
 * completed. The interview module implements it; the round asks before it records a consent answer
 * that would end the child's consent, because after the interview such a no is in effect a
 * withdrawal and must go through {@link ParticipantService#withdraw}, which removes the answers
 * from the round and audits it.
 */
public interface InterviewedChildren {

    boolean hasInterview(long participantId);
}
