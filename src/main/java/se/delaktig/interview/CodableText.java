package se.delaktig.interview;

/**
 * One piece of free text of a completed interview, decrypted for someone allowed to read it, with a
 * stable reference to where it lives so that the analysis can point into it by character offsets.
 * Line breaks are normalised to {@code \n}, as a browser shows them, so that offsets counted in the
 * page and on the server agree.
 *
 * @param kind       what the text is
 * @param questionId the question the text belongs to, or null (free notes, transcript, reflection,
 *                   the child's words about the interview)
 * @param part       for a reflection: {@code learnt}, {@code surprised}, {@code change} or
 *                   {@code other}; null otherwise
 */
public record CodableText(long interviewId, long participantId, String pseudonym, Kind kind, Long questionId,
                          String part, String text) {

    /** What a codable text is. */
    public enum Kind {
        /** The child's own words to a question, or about the interview when there is no question. */
        CHILD_WORDS,
        /** The interviewer's notes to a question, or the free notes of the interview. */
        NOTES,
        TRANSCRIPT,
        /** The interviewer's reflection, one part of it per text. */
        REFLECTION
    }

    /** The reference as one string, e.g. {@code "12:CHILD_WORDS:40:"}. */
    public String key() {
        return key(interviewId, kind, questionId, part);
    }

    public static String key(long interviewId, Kind kind, Long questionId, String part) {
        return interviewId + ":" + kind + ":" + (questionId == null ? "" : questionId) + ":" + (part == null ? "" : part);
    }

    /** Whether this text sits at the given place. */
    public boolean isAt(long interviewId, Kind kind, Long questionId, String part) {
        return this.interviewId == interviewId && this.kind == kind && java.util.Objects.equals(this.questionId, questionId)
                && java.util.Objects.equals(this.part, part);
    }
}
