package se.delaktig.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A quote as the analyst works on it: a candidate's current wording (decrypted for someone allowed to
 * read it) or an approved quote's approved wording, with what the de-identification check finds in it.
 *
 * @param codeId       the code it was marked from
 * @param parentName   the name of that code's top code (its area), or null if the code is a top code
 * @param text         the current wording
 * @param findings     what could identify someone, in the order it stands; empty for a clean text
 * @param approvedBy   username of who approved it, or null
 * @param approverName display name of who approved it, or null
 */
public record Quote(long id, long roundId, long codeId, String codeName, String parentName, String areaCode,
                    String pseudonym, Status status, String text, int version, List<Finding> findings,
                    String createdBy, Instant createdAt, String approvedBy, String approverName, Instant approvedAt) {

    public enum Status { CANDIDATE, APPROVED }

    public boolean approved() {
        return status == Status.APPROVED;
    }

    /** Whether the check finds nothing, so that the quote may be approved. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /** The text cut into pieces, each either plain or one finding, for highlighting. */
    public List<Piece> pieces() {
        var result = new ArrayList<Piece>();
        var at = 0;
        for (var finding : findings) {
            if (finding.start() > at) {
                result.add(new Piece(text.substring(at, finding.start()), null));
            }
            result.add(new Piece(finding.text(), finding));
            at = finding.end();
        }
        if (at < text.length()) {
            result.add(new Piece(text.substring(at), null));
        }
        return result;
    }

    /** A part of the text; {@code finding} is null for plain text. */
    public record Piece(String text, Finding finding) {
    }
}
