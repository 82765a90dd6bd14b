package se.delaktig.analysis;

/**
 * One code of a round's codebook. A top code stands for an area of the guide ({@code areaCode} set,
 * no parent); sub-themes have a parent. Retired and merged codes stay for the history.
 *
 * @param version    the optimistic-locking version to send back when renaming, merging or retiring
 * @param mergedInto the code this one was merged into, or null
 * @param description what the code means and when to use it, or null
 */
public record Code(long id, long roundId, Long parentId, String areaCode, String name, int position, Status status,
                   Long mergedInto, int version, String description) {

    public enum Status { ACTIVE, RETIRED, MERGED }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public boolean top() {
        return parentId == null;
    }
}
