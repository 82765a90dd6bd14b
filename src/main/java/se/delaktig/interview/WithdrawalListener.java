package se.delaktig.interview;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.ConsentWithdrawn;
import se.delaktig.round.RoundService;

/**
 * When a child withdraws consent, the child's interview and every answer in it leave the round, so
 * that no count, analysis or report can include them any more. Runs in the transaction that records
 * the withdrawal: either both happen or neither does.
 */
@Component
class WithdrawalListener {

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    WithdrawalListener(JdbcClient jdbc, RoundService rounds, CurrentActor currentActor, AuditLog audit) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    @EventListener
    void on(ConsentWithdrawn withdrawn) {
        var unitId = rounds.get(withdrawn.roundId()).unitId();
        var interviewId = jdbc.sql("select id from interview where participant_id = ? and round_id = ?")
                .params(withdrawn.participantId(), withdrawn.roundId()).query(Long.class).optional();
        if (interviewId.isEmpty()) {
            return;
        }
        jdbc.sql("delete from answer where interview_id = ?").param(interviewId.get()).update();
        jdbc.sql("delete from interview where id = ?").param(interviewId.get()).update();
        audit.record(currentActor.get().username(), "WITHDRAW_ANSWERS", "interview", interviewId.get(), unitId,
                AuditLog.Outcome.SUCCESS, null);
    }
}
