package se.delaktig.interview;

/**
 * Whether the analysis points into a text of an interview by character offsets (coded spans,
 * quotes). Implemented by the analysis, which depends on this module and not the other way round,
 * so that a change of a text's words never moves the ground under its coding.
 */
public interface CodedTexts {

    boolean isCoded(long interviewId, CodableText.Kind kind, Long questionId, String part);
}
