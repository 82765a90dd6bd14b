package se.delaktig.organization;

/** One role of one staff member in one unit. */
public record Membership(long staffId, long unitId, Role role) {
}
