package se.delaktig.interview;

/**
 * What the interviewer typed for one question: the structured value (counted in the analysis), the
 * child's own words and the interviewer's notes. Blank parts mean "nothing recorded".
 */
public record AnswerInput(long questionId, String value, String childWords, String notes) {
}
