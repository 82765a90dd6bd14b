package se.delaktig.audit;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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
