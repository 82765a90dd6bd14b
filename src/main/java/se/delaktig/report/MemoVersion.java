package se.delaktig.report;

import java.time.Instant;

/**
 * One saved version of a round's memo: its number (1, 2, …), who saved it and when, the optional
 * comment, what it says, and the counts and proposals it was drawn from.
 */
public record MemoVersion(long id, long roundId, int number, MemoContent content, MemoFacts facts, String comment,
                          String savedBy, String savedByName, Instant savedAt) {
}
