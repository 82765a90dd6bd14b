/**
 * Interviews: what the assigned interviewer records while listening to one child – the structured
 * answer to each question of the guide, the child's own words, notes – and afterwards the
 * interviewer's own reflection. Free text is encrypted with the round's key. Safeguarding flags (a
 * possible report of concern) belong here too and never leave this module for analysis.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interview")
package se.delaktig.interview;
