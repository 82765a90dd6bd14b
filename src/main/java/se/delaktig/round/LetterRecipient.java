package se.delaktig.round;

/** Who an information letter is for: the child, or the child's guardians. */
public enum LetterRecipient { CHILD, GUARDIANS }
