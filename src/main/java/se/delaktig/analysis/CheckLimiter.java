package se.delaktig.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import se.delaktig.web.TooManyRequestsException;

/**
 * How often one person may have a text of their own choosing checked: a sliding window per person,
 * kept in memory. Even a check that compares only against what the person may read should not be a
 * tool for running long lists through; a person working on quotes by hand stays far below it.
 *
 * <p>Kept per node: with several web nodes a person gets the allowance on each, which still bounds
 * the rate; nothing the check answers depends on it.
 */
@Component
class CheckLimiter {

    /** Checks one person may ask for within {@link #WINDOW}. */
    static final int MAX_CHECKS = 60;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Map<String, Deque<Instant>> asked = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /**
     * Counts one check for the person.
     *
     * @throws TooManyRequestsException {@code quote.check.tooOften} when the window is full
     */
    void acquire(String username) {
        var now = clock.instant();
        var times = asked.computeIfAbsent(username, u -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= MAX_CHECKS) {
                var retry = Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds() + 1;
                throw new TooManyRequestsException("quote.check.tooOften", retry);
            }
            times.addLast(now);
        }
    }
}
