package se.delaktig.round;

/** One row of the key list (kodnyckel): the only place a child's first name and contact exist. */
public record KeyListEntry(String firstName, String contact) {
}
