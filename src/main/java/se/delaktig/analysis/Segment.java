package se.delaktig.analysis;

import java.time.Instant;

import se.delaktig.interview.CodableText;

/**
 * A coded span of an interview's free text, with its excerpt decrypted for someone allowed to read
 * it. {@code start} and {@code end} are character offsets into the text ({@code end} exclusive).
 */
public record Segment(long id, long codeId, String codeName, long interviewId, long participantId, String pseudonym,
                      CodableText.Kind kind, Long questionId, String part, int start, int end, String excerpt,
                      String codedBy, Instant codedAt) {

    /** The reference of the text this segment is in, as {@link CodableText#key()}. */
    public String sourceKey() {
        return CodableText.key(interviewId, kind, questionId, part);
    }
}
