package se.delaktig.round;

/** Who gives or withdraws consent: the child, or one of (at most) two guardians. */
public enum ConsentParty {
    CHILD, GUARDIAN_1, GUARDIAN_2;

    /** The parties who answer for a child with the given number of guardians, child first. */
    public static java.util.List<ConsentParty> forGuardians(int guardians) {
        return switch (guardians) {
            case 0 -> java.util.List.of(CHILD);
            case 1 -> java.util.List.of(CHILD, GUARDIAN_1);
            default -> java.util.List.of(CHILD, GUARDIAN_1, GUARDIAN_2);
        };
    }

    public boolean isGuardian() {
        return this != CHILD;
    }
}
