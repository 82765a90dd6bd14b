package se.delaktig.interview;

/** One recorded answer, decrypted for someone allowed to read the interview. */
public record AnswerView(String value, String childWords, String notes) {
}
