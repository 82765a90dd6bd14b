package se.delaktig.round;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Small-number suppression for one breakdown whose total is shown. A cell under the threshold is
 * hidden. If exactly one cell would be hidden, a reader could get it back by subtracting the others
 * from the total, so the next-smallest cell is hidden too.
 */
public final class Suppression {

    private Suppression() {
    }

    /** For each count, whether it must be hidden. */
    public static List<Boolean> hidden(List<Integer> counts, int threshold) {
        var hidden = new ArrayList<Boolean>(counts.stream().map(c -> c < threshold).toList());
        if (hidden.stream().filter(h -> h).count() == 1) {
            IntStream.range(0, counts.size()).filter(i -> !hidden.get(i))
                    .boxed().min(Comparator.comparing(counts::get))
                    .ifPresent(i -> hidden.set(i, true));
        }
        return List.copyOf(hidden);
    }
}
