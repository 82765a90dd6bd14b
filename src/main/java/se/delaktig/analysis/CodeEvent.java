package se.delaktig.analysis;

import java.time.Instant;

/**
 * One entry of a codebook's history: a code was created (or copied from another round), renamed,
 * described, merged into another code or retired, by whom and when.
 *
 * @param otherCodeName for a merge, the code it was merged into; for a copy, the round it came from
 */
public record CodeEvent(long id, long codeId, String codeName, Kind kind, String oldName, String newName,
                        String otherCodeName, String actor, String actorName, Instant occurredAt) {

    public enum Kind { CREATED, RENAMED, MERGED, RETIRED, COPIED, DESCRIBED }
}
