/**
 * Rounds (omgångar): one pass of the yearly cycle for one unit, and the steps it moves through.
 * Owns the participants (children under pseudonyms B01, B02 …, with age, gender, language and type
 * of contact), the round's key list (kodnyckel: first name and contact, encrypted with the round's
 * data key), the consent history of the child and up to two guardians under the municipality's age
 * of own consent, the dates information letters were sent, the spread of the selection and the
 * missing voices (with small numbers suppressed), and the assignment of an interviewer who has
 * never been the child's case worker. A withdrawal is published as {@link se.delaktig.round.ConsentWithdrawn}
 * so that the modules holding the child's answers remove them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Round")
package se.delaktig.round;
