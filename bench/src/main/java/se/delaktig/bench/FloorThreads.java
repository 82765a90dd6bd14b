package se.delaktig.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * What both floors share: one thread per saver, each with its own connection, all starting together,
 * each doing its unit of work until it has done {@code perThread} after the warm-up or the time is up,
 * with the same pause after each as the application's savers take (the first spread over one pause).
 */
final class FloorThreads {

    /** A thread's unit of work on its own connection. */
    interface Work {
        void once() throws SQLException;
    }

    /** Prepares a thread's work (its statements) on its connection. */
    interface WorkFactory {
        Work on(Connection connection, int thread) throws SQLException;
    }

    private FloorThreads() {
    }

    static Stats run(String url, Properties credentials, int threads, int perThread, long warmupMillis, long maxMillis,
                     long pauseMillis, WorkFactory factory) throws InterruptedException {
        var stats = new Stats();
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            var index = t;
            var worker = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, credentials)) {
                    var work = factory.on(c, index);
                    ready.countDown();
                    go.await();
                    if (pauseMillis > 0) {
                        Thread.sleep(new Random(index).nextLong(pauseMillis));
                    }
                    var warmupEnd = System.nanoTime() + warmupMillis * 1_000_000;
                    var end = warmupEnd + maxMillis * 1_000_000;
                    var done = 0;
                    while (System.nanoTime() < end && done < perThread) {
                        var start = System.nanoTime();
                        try {
                            work.once();
                            if (start >= warmupEnd) {
                                stats.add(System.nanoTime() - start);
                                done++;
                            }
                        } catch (SQLException e) {
                            stats.error(e.getSQLState());
                            if (!c.getAutoCommit()) {
                                c.rollback();
                            }
                        }
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                } catch (SQLException e) {
                    stats.error("connect " + e.getSQLState());
                    ready.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "floor-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        for (var worker : workers) {
            worker.join();
        }
        return stats;
    }
}
