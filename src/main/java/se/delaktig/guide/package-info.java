/**
 * Interview guides: the questions the interviewer has as support, grouped in the model's areas
 * (Kontakt, Kunskap, Delaktighet, Att bli intervjuad). A guide is data, not code: the default guide
 * (version 1) is loaded by a migration, and each question keeps a stable key so that later rounds
 * and versions can be compared.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Guide")
package se.delaktig.guide;
