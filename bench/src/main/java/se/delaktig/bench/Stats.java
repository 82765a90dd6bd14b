package se.delaktig.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Latencies and error counts of one run, merged from its threads. */
final class Stats {

    private long[] nanos = new long[1024];
    private int count;
    final Map<String, Integer> errors = new TreeMap<>();

    synchronized void add(long latency) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latency;
    }

    synchronized void error(String kind) {
        errors.merge(kind, 1, Integer::sum);
    }

    synchronized int count() {
        return count;
    }

    synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The p-th percentile in milliseconds (nearest rank), NaN when empty. */
    synchronized double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        var sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        var rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    synchronized String errorText() {
        return errors.isEmpty() ? "0" : errorCount() + " " + errors;
    }
}
