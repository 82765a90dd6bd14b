package se.delaktig.round;

/** A staff member who is or has been the child's case worker (socialsekreterare). */
public record CaseWorker(long staffId, String displayName, boolean current) {
}
