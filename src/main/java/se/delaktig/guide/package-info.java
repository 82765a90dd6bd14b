/**
 * Interview guides: the questions the interviewer has as support, grouped in the model's areas
 * (Kontakt, Kunskap, Delaktighet, Att bli intervjuad). A guide is data, not code: the default guide
 * (version 1) is loaded by a migration, and each question keeps a stable key so that later rounds
 * and versions can be compared.
 *
 * <p>A version that a round uses is locked ({@link se.delaktig.guide.Guides#lock}) and never changes;
 * editing it ({@link se.delaktig.guide.GuideEditor}) makes version + 1 with the same keys. What the
 * child hears is wording per language and age band (5–8, 9–12, 13–18), with the guide's Swedish text
 * as the last fallback ({@link se.delaktig.guide.Question#textFor}); languages are rows of data.
 * Editing uses the access module to know who is an administrator or a process lead.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Guide")
package se.delaktig.guide;
