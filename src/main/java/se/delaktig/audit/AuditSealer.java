package se.delaktig.audit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Seals the audit log's new rows into the hash chain about once a second ({@link AuditChain#seal()}), on a
 * thread of its own, so that no other scheduled job can hold it up. Each call is a short transaction of its
 * own that holds one connection and nothing else. Several nodes may seal at the same time: they take turns
 * on the chain's head row, and each one seals what the one before left.
 */
@Component
class AuditSealer implements SmartLifecycle {

    static final long PERIOD_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final AuditChain chain;
    private ScheduledExecutorService timer;
    private boolean failing;

    AuditSealer(AuditChain chain) {
        this.chain = chain;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "audit-sealer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sealNow, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sealNow() {
        try {
            chain.seal();
            if (failing) {
                log.info("Sealing the audit log works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // Once per outage: the rows wait, unsealed, and are sealed when the database answers again.
            if (!failing) {
                log.warn("Could not seal the audit log's new rows; trying again every second: {}", e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
