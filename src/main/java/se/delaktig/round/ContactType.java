package se.delaktig.round;

/** The child's current kind of contact with the unit. */
public enum ContactType { INVESTIGATION, INTERVENTION, PLACEMENT }
