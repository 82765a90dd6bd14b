/**
 * What leaves the round for others to read: the memo to the social committee (tjänsteskrivelse) in
 * the municipal format – an editable draft prefilled from the round, saved as numbered versions that
 * can be compared, and exported as a Word document and as a PDF/A with charts and the interview
 * guide as appendix – the matrix and the seminar agenda as documents, letters and diplomas. It contains counts,
 * the team's own text and approved quotes only, never a child's identity or raw words.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Report")
package se.delaktig.report;
