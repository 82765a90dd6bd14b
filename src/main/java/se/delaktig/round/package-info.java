/**
 * Rounds (omgångar): one pass of the yearly cycle for one unit, and the steps it moves through.
 * Owns the participants (children under pseudonyms B01, B02 …), the round's key list (kodnyckel:
 * first name and contact, encrypted with the round's data key), consent from the child and the
 * guardians, and the assignment of an interviewer who has never been the child's case worker.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Round")
package se.delaktig.round;
