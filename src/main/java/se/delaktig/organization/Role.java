package se.delaktig.organization;

/** A staff member's role in one unit. */
public enum Role {
    PROCESS_LEAD, INTERVIEWER, UNIT_MANAGER, RD_ANALYST;

    /**
     * Whether the role opens child data: the key list (process lead, the assigned interviewer),
     * completed interviews (the unit's interviewers and manager) or pseudonymised answers (R&D).
     * No one gives such a role to themselves without a second person's approval (see {@link RoleGrants}).
     */
    public boolean readsChildData() {
        return switch (this) {
            case PROCESS_LEAD, INTERVIEWER, UNIT_MANAGER, RD_ANALYST -> true;
        };
    }

    /** Whether the role can read a round's key list, the children's names; it asks for a second factor. */
    public boolean readsKeyList() {
        return this == PROCESS_LEAD || this == INTERVIEWER;
    }
}
