package se.delaktig.audit;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.delaktig.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain under load: many people writing at once get neither a deadlock nor a broken link, and once
 * sealed every row has its place in the chain.
 */
@IntegrationTest
class AuditChainIT {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AuditSealer sealer;

    @Test
    void committedRowsWaitingToBeSealedAreCountedAndSealedByTheCheck() {
        var tag = UUID.randomUUID().toString();
        sealer.stop();
        try {
            audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
            assertThat(chain.unsealed()).isPositive();
            var verification = chain.verify();
            assertThat(verification.intact()).isTrue();
            assertThat(jdbc.sql("select chain_seq from audit_event where record_id = ?").param(tag).query(Long.class).single())
                    .as("sealed by the check").isNotNull();
        } finally {
            sealer.start();
        }
    }

    @Test
    void anEntryOfWorkNotYetCommittedWaitsUnsealedAndIsSealedOnceCommitted() throws Exception {
        var tag = UUID.randomUUID().toString();
        var written = new CountDownLatch(1);
        var checked = new CountDownLatch(1);
        var worker = Executors.newSingleThreadExecutor();
        try {
            var work = worker.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                audit.record("someone", "SAVE", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
                written.countDown();
                try {
                    checked.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(chain.verify().intact()).as("an open transaction's entry holds nobody up").isTrue();
            checked.countDown();
            work.get(30, TimeUnit.SECONDS);
        } finally {
            worker.shutdownNow();
        }
        assertThat(chain.verify().intact()).isTrue();
        assertThat(jdbc.sql("select chain_seq from audit_event where record_id = ?").param(tag).query(Long.class).single())
                .as("sealed once committed").isNotNull();
    }

    @Test
    void aHundredConcurrentWritersLeaveAnIntactChainOnceSealed() throws Exception {
        var tag = UUID.randomUUID().toString();
        var pool = Executors.newFixedThreadPool(100);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int i = 0; i < 100; i++) {
                var writer = i;
                tasks.add(() -> {
                    for (int n = 0; n < 5; n++) {
                        audit.record("writer-" + writer, "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, "n" + n);
                    }
                    return null;
                });
            }
            for (var result : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.sql("select count(*) from audit_event where record_id = ?").param(tag).query(Long.class).single())
                .isEqualTo(500);
        var verification = chain.verify();
        assertThat(verification.firstBreak()).isNull();
        assertThat(verification.intact()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where record_id = ? and chain_seq is null").param(tag)
                .query(Long.class).single()).as("all sealed by the check").isZero();
    }
}
