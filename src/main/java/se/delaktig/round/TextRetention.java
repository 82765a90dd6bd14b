package se.delaktig.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import se.delaktig.audit.AuditLog;
import se.delaktig.privacy.RoundKeys;

/**
 * The retention rule: when a closed round's free text has been kept for the municipality's
 * retention period ({@code text_retention_months}, 12 by default), its TEXT key is destroyed, so all
 * of its raw free text becomes unreadable – in the database and in every backup taken before, as long
 * as that backup's copy of the key is gone too (see docs/privacy.md).
 *
 * <p>Runs on the cron {@code delaktig.retention.cron} (nightly at 02:30 Swedish time by default). With
 * several nodes, ShedLock lets one node at a time run the job, and each shredding is in addition
 * claimed in the database ({@code update round_closure set text_shredded_at ... where text_shredded_at
 * is null}): whichever transaction claims the round destroys the key and writes the one audit event,
 * any other finds nothing to claim. So a round is never shredded or audited twice, even if the lock
 * expires while a slow run is still going.
 */
@Component
public class TextRetention {

    /** The actor written to the audit log for the job's shreddings. */
    public static final String ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(TextRetention.class);

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final RoundKeys keys;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    TextRetention(JdbcClient jdbc, RoundService rounds, RoundKeys keys, AuditLog audit, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.keys = keys;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The scheduled run: shreds what is due now, on one node at a time. */
    @Scheduled(cron = "${delaktig.retention.cron:0 30 2 * * *}", zone = "Europe/Stockholm")
    @SchedulerLock(name = "text-retention", lockAtMostFor = "PT30M",
            lockAtLeastFor = "${delaktig.retention.lock-at-least-for:PT10S}")
    public void run() {
        var shredded = shredDue(Instant.now());
        if (!shredded.isEmpty()) {
            log.info("Retention: destroyed the free-text key of {} closed round(s): {}", shredded.size(), shredded);
        }
    }

    /**
     * Shreds the free text of every closed round whose retention period has passed at {@code now}.
     * Safe to call from several threads or nodes at once. Returns the rounds this call shredded.
     */
    public List<Long> shredDue(Instant now) {
        var candidates = jdbc.sql("""
                        select c.round_id, r.unit_id, c.closed_at from round_closure c join round r on r.id = c.round_id
                        where c.text_shredded_at is null order by c.closed_at""")
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
                .list();
        var shredded = new ArrayList<Long>();
        for (var candidate : candidates) {
            var months = rounds.retentionMonths(candidate.unitId());
            var due = candidate.closedAt().atZone(AuditLog.ZONE).plusMonths(months).toInstant();
            if (due.isAfter(now)) {
                continue;
            }
            if (Boolean.TRUE.equals(transactions.execute(status -> shred(candidate, months, now)))) {
                shredded.add(candidate.roundId());
            }
        }
        return shredded;
    }

    private boolean shred(Candidate candidate, int months, Instant now) {
        var claimed = jdbc.sql("""
                        update round_closure set text_shredded_at = ? where round_id = ? and text_shredded_at is null
                        returning round_id""")
                .params(java.sql.Timestamp.from(now), candidate.roundId())
                .query(Long.class).optional();
        if (claimed.isEmpty()) {
            return false;
        }
        keys.destroyKey(candidate.roundId(), RoundKeys.Purpose.TEXT);
        audit.record(ACTOR, "SHRED", "round", candidate.roundId(), candidate.unitId(), AuditLog.Outcome.SUCCESS,
                "free-text key destroyed " + months + " months after closing on "
                        + candidate.closedAt().atZone(AuditLog.ZONE).toLocalDate());
        return true;
    }

    private record Candidate(long roundId, long unitId, Instant closedAt) {
    }
}
