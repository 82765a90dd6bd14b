package se.delaktig.organization;

/** A staff member's role in one unit. */
public enum Role {
    PROCESS_LEAD, INTERVIEWER, UNIT_MANAGER, RD_ANALYST
}
