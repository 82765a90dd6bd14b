/**
 * Interviews: what the assigned interviewer records while listening to one child – the structured
 * answer to each question of the guide, the child's own words, notes, the duration, how the child
 * found being interviewed and a full transcript – and afterwards the interviewer's own reflection.
 * Free text is encrypted with the round's key. The form saves drafts in the background and refuses
 * a save based on an older version, so nothing typed is lost or silently overwritten.
 *
 * <p>A child's first name must not reach the unit through the free text: the interviewer's own
 * children's names are flagged and block completion, and the unit reads a round's completed
 * interviews only after the process lead has reviewed the key-list names in them and opened them
 * ({@code interview_reading_opened}).
 *
 * <p>Safeguarding flags (a possible report of concern) belong here too, in their own table, and
 * never leave this module for analysis: {@link se.delaktig.interview.InterviewResults} does not read
 * them and {@link se.delaktig.interview.InterviewView} does not carry them. A new flag is announced
 * with {@link se.delaktig.interview.SafeguardingFlagRaised}, which carries ids only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interview")
package se.delaktig.interview;
