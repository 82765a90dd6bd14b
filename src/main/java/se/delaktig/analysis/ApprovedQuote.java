package se.delaktig.analysis;

import java.time.Instant;

/**
 * A quote the analyst has de-identified and approved: the only form in which a child's words may
 * reach the memo, the feedback to the children, the seminar agenda or an export.
 *
 * @param codeId   the code (theme) the quote was marked from
 * @param areaCode the guide area of that code (its own, or its parent's for a sub-theme); null if
 *                 the code belongs to no area
 * @param text     the approved, de-identified wording
 */
public record ApprovedQuote(long id, long roundId, long codeId, String codeName, String areaCode, String text,
                            String approvedBy, Instant approvedAt) {
}
