package se.delaktig.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the embedded PostgreSQL while the application runs. When the server dies (a {@code kill -9},
 * the out-of-memory killer), it says so at once, starts the server again on the same port and data
 * directory, and reports when it answers; after {@value #ATTEMPTS} failed attempts it gives up, so that
 * the application can end and a supervisor start it afresh.
 */
final class EmbeddedDatabaseWatchdog implements SmartLifecycle {

    /** What the rest of the application learns from the watchdog. */
    interface Listener {
        /** The server is gone; requests should be turned away at once. */
        void died(long pid);

        /** The server runs again and has recovered from its WAL. */
        void restarted(Duration downtime, int attempts);

        /** The server could not be started again; the application cannot go on. */
        void gaveUp(Exception lastFailure, int attempts);
    }

    static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseWatchdog.class);

    private final EmbeddedDatabase database;
    private final Listener listener;
    private final Duration poll;
    private final Duration backoff;
    private volatile boolean running;
    private volatile Thread thread;

    EmbeddedDatabaseWatchdog(EmbeddedDatabase database, Listener listener) {
        this(database, listener, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    EmbeddedDatabaseWatchdog(EmbeddedDatabase database, Listener listener, Duration poll, Duration backoff) {
        this.database = database;
        this.listener = listener;
        this.poll = poll;
        this.backoff = backoff;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::watch, "embedded-postgres-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        var watching = thread;
        if (watching != null) {
            watching.interrupt();
            try {
                watching.join(Duration.ofSeconds(70).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the data source and the database close, and starts after everything else is up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running && !database.postmasterAlive()) {
                recover();
            }
        }
    }

    private void recover() {
        var pid = database.postmasterPid();
        var started = System.nanoTime();
        log.error("The embedded PostgreSQL (pid {}) has stopped unexpectedly. Requests are answered with 503 while it is "
                + "started again on port {} with its files in {}.", pid, database.port(), database.directory());
        listener.died(pid);
        Exception last = null;
        for (var attempt = 1; attempt <= ATTEMPTS && running; attempt++) {
            try {
                database.restart();
                var downtime = Duration.ofNanos(System.nanoTime() - started);
                log.warn("The embedded PostgreSQL runs again (pid {}, port {}) after {} ms and {} attempt(s); it recovered "
                        + "every committed save from its WAL.", database.postmasterPid(), database.port(), downtime.toMillis(), attempt);
                listener.restarted(downtime, attempt);
                return;
            } catch (Exception e) {
                last = e;
                log.warn("Attempt {} of {} to start the embedded PostgreSQL again failed: {}", attempt, ATTEMPTS, e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        if (running) {
            running = false;
            log.error("The embedded PostgreSQL could not be started again after {} attempts. The application stops now so "
                    + "that its supervisor (systemd, Docker …) starts it afresh.", ATTEMPTS, last);
            listener.gaveUp(last, ATTEMPTS);
        }
    }
}
