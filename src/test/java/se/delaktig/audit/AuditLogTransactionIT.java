package se.delaktig.audit;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.delaktig.IntegrationTest;
import se.delaktig.platform.DiscardedWork;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which audit entries share the fate of the work they record. A successful write's entry is part of its
 * transaction: kept when the work is kept, gone when it is rolled back. A refusal, a failure and anything
 * recorded in work thrown away on purpose stay, even though the work around them rolls back. And none of
 * this needs a second connection from the application's pool while the first is held.
 */
@IntegrationTest
class AuditLogTransactionIT {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Test
    void aRefusalRecordedInWorkThatRollsBackIsStillInTheLogButTheWorksOwnEntryIsNot() {
        var tag = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("someone", "SAVE", "interview", tag + "-saved", null, AuditLog.Outcome.SUCCESS, null);
            audit.record("someone", "READ", "interview", tag + "-denied", null, AuditLog.Outcome.DENIED, null);
            audit.record("someone", "SAVE", "interview", tag + "-failed", null, AuditLog.Outcome.FAILURE, "conflict");
            status.setRollbackOnly();
        });

        assertThat(count(tag + "-denied")).as("the refusal stays").isEqualTo(1);
        assertThat(count(tag + "-failed")).as("the failure stays").isEqualTo(1);
        assertThat(count(tag + "-saved")).as("the work's own entry goes with the work").isZero();
    }

    @Test
    void aSuccessfulWritesEntryIsKeptWithTheWorkOnTheSameConnection() {
        var tag = UUID.randomUUID().toString();
        var inside = new TransactionTemplate(transactions).execute(status -> {
            audit.record("someone", "SAVE", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
            // visible inside the caller's transaction before it commits: it is the same connection
            return count(tag);
        });
        assertThat(inside).isEqualTo(1);
        assertThat(count(tag)).isEqualTo(1);
    }

    @Test
    void workThrownAwayOnPurposeLeavesItsEntriesSayingSo() {
        var tag = UUID.randomUUID().toString();
        var discarded = new TransactionTemplate(transactions);
        discarded.setName(DiscardedWork.TRANSACTION);
        discarded.executeWithoutResult(status -> {
            status.setRollbackOnly();
            audit.record("someone", "SAVE", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        });

        assertThat(jdbc.sql("select detail from audit_event where record_id = ?").param(tag).query(String.class).single())
                .isEqualTo(AuditLog.DISCARDED_DETAIL);
    }

    @Test
    void aReadInAReadOnlyTransactionIsRecorded() {
        var tag = UUID.randomUUID().toString();
        var readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> {
            jdbc.sql("select count(*) from audit_event").query(Long.class).single();
            audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.SUCCESS, null);
        });
        assertThat(count(tag)).isEqualTo(1);
    }

    @Test
    void refusalsRecordedWhileEveryConnectionOfThePoolIsHeldDoNotWaitForThePool() throws Exception {
        var tag = UUID.randomUUID().toString();
        var size = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        var holding = new CountDownLatch(size);
        var threads = Executors.newFixedThreadPool(size);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int i = 0; i < size; i++) {
                tasks.add(() -> {
                    new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        // Take a connection of the pool, and hold it until every other thread holds one too.
                        jdbc.sql("select 1").query(Integer.class).single();
                        holding.countDown();
                        try {
                            assertThat(holding.await(30, TimeUnit.SECONDS)).as("the whole pool held").isTrue();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        audit.record("someone", "READ", "interview", tag, null, AuditLog.Outcome.DENIED, null);
                        status.setRollbackOnly();
                    });
                    return null;
                });
            }
            for (var future : threads.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(count(tag)).isEqualTo(size);
    }

    private long count(String recordId) {
        return jdbc.sql("select count(*) from audit_event where record_id = ?").param(recordId).query(Long.class).single();
    }
}
