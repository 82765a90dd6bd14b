package se.delaktig.interview;

/**
 * A child's first name from the key list, standing in one free-text field of an interview. Only
 * someone who may read that name is ever given one: the child's interviewer for their own children,
 * the process lead for all.
 *
 * @param field         the field as forms and problems name it: {@code notes}, {@code transcript},
 *                      {@code childExperienceWords}, {@code answers[<questionId>].childWords|notes},
 *                      {@code reflection.learnt|surprised|change} or {@code reflection}
 * @param name          the first name as the key list has it
 * @param participantId the child the name belongs to
 * @param pseudonym     that child's pseudonym, the usual replacement
 */
public record NameFinding(String field, String name, long participantId, String pseudonym) {

    /** What stands in for a child's name when the pseudonym is not wanted. */
    public static final String CHILD = "[barnet]";
}
