package se.delaktig.analysis;

import java.util.List;

/**
 * One code with everything coded with it.
 *
 * @param children how many children the segments come from (distinct participants), not how many segments
 * @param mergedFrom codes merged into this one, by name
 */
public record CodePage(long roundId, String roundTitle, Code code, String parentName, List<Segment> segments,
                       int children, List<String> mergedFrom) {
}
