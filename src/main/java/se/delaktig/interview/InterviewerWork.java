package se.delaktig.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.round.PersonalWork;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.round.WorkItem;

/**
 * For the interviewer's start page: their drafts to finish and the reflections they have still to
 * write, while the round still takes them (before its analysis starts).
 */
@Component
@Transactional(readOnly = true)
class InterviewerWork implements PersonalWork {

    private final Interviews interviews;
    private final RoundService rounds;
    private final JdbcClient jdbc;

    InterviewerWork(Interviews interviews, RoundService rounds, JdbcClient jdbc) {
        this.interviews = interviews;
        this.rounds = rounds;
        this.jdbc = jdbc;
    }

    @Override
    public List<WorkItem> forCurrentPerson() {
        var mine = interviews.mine();
        if (mine.isEmpty()) {
            return List.of();
        }
        var open = rounds.visible().stream().filter(r -> Stage.ANALYSIS.isAfter(r.stage())).map(r -> r.id()).toList();
        var completeIds = mine.stream().filter(m -> Interviews.COMPLETE.equals(m.status())).map(MyInterview::interviewId).toList();
        Set<Long> unreflected = completeIds.isEmpty() ? Set.of() : Set.copyOf(jdbc.sql("""
                select id from interview where id in (:ids) and reflection is null and reflection_learnt is null
                   and reflection_surprised is null and reflection_change is null""")
                .param("ids", completeIds).query(Long.class).list());
        var items = new ArrayList<WorkItem>();
        for (var m : mine) {
            if (!open.contains(m.roundId())) {
                continue;
            }
            if (Interviews.DRAFT.equals(m.status())) {
                items.add(new WorkItem(WorkItem.DRAFTS, m.roundId(), m.roundTitle(), "guide.work.draft",
                        List.of(m.pseudonym(), m.roundTitle()), "guide.work.draft.link", "/interviews/" + m.interviewId()));
            } else if (Interviews.COMPLETE.equals(m.status()) && unreflected.contains(m.interviewId())) {
                items.add(new WorkItem(WorkItem.REFLECTIONS, m.roundId(), m.roundTitle(), "guide.work.reflection",
                        List.of(m.pseudonym(), m.roundTitle()), "guide.work.reflection.link",
                        "/interviews/" + m.interviewId() + "/reflection"));
            }
        }
        return items;
    }
}
