package se.delaktig.round;

/** The child's own answer to the invitation. */
public enum ChildAnswer { YES, NO }
