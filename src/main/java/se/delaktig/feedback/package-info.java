/**
 * "Det här sa ni – det här gör vi": the feedback to the children of a round. The team writes, per age
 * band and language, a few plain points on what the children said (prefilled from the codebook's
 * themes with their child counts in words, and at most two approved quotes) and on what the unit will
 * do (prefilled from the approved decisions and their actions). The process lead approves it; only
 * then does it reach the public page ({@code /feedback/<token>}, reached by a random token, never the
 * round's id) and the printed letters with their QR code. Editing after approval changes the draft
 * only: the published copy stays until the next approval.
 *
 * <p>The feedback holds no personal data: identity numbers, phone numbers, e-mail addresses, the
 * round's pseudonyms, the key list's first names and the unit's staff names are refused when saved
 * and again when approved. The only child words in it are approved quotes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Feedback")
package se.delaktig.feedback;
