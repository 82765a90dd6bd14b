package se.delaktig.round;

/** The guardians' answer. {@code NOT_NEEDED}: the young person is 15 or older and decides alone. */
public enum GuardianAnswer { CONSENTED, DECLINED, NOT_NEEDED }
