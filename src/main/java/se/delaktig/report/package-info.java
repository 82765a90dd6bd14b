/**
 * What leaves the round for others to read: the memo to the social committee (tjänsteskrivelse) in
 * the municipal format, as a PDF draft the process lead and unit manager finish and sign. It
 * contains counts and approved texts only, never a child's identity or raw words. Feedback letters
 * to the children and diplomas will live here too, and the seminar agenda as a PDF.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Report")
package se.delaktig.report;
