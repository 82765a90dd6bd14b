/**
 * The seminar of a round (step 7 of the cycle): when it is held and who takes part, each
 * participant's reading checklist of the completed interviews, the notes, and the team's ranked
 * proposals, which everyone in the room sees appear live on a shared page. Each proposal is linked
 * to its evidence in the analysis (themes with their child counts, approved quotes, count sentences),
 * and the agenda ({@link se.delaktig.seminar.Agendas}) is generated from the same analysis.
 *
 * <p>Proposals are the team's own words about what the unit should change, not the child's words,
 * so they are stored as text (still refused if they contain an identity number). The notes can hold
 * anything said in the room and are encrypted with the round's key.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Seminar")
package se.delaktig.seminar;
