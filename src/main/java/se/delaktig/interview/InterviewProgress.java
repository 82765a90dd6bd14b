package se.delaktig.interview;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.Participant;
import se.delaktig.round.ProgressItem;
import se.delaktig.round.Round;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.RoundProgressContributor;
import se.delaktig.round.Stage;

/**
 * The interviews' part of the round's checklist: how many of the children who said yes and have an
 * interviewer are interviewed, how many reflections are written, and the staff experiences for the
 * analysis. Counts only; nothing is decrypted.
 */
@Component
@Order(20)
@Transactional(readOnly = true)
class InterviewProgress implements RoundProgressContributor {

    /** An interview's status and whether any part of its reflection is written. */
    private record Row(String status, boolean reflected) {
    }

    private final JdbcClient jdbc;

    InterviewProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ProgressItem> progress(RoundSnapshot snapshot, Stage stage) {
        var round = snapshot.round();
        return switch (stage) {
            case INTERVIEWS -> interviews(snapshot);
            case REFLECTION -> reflections(round);
            case ANALYSIS -> staffExperiences(round);
            default -> List.of();
        };
    }

    private List<ProgressItem> interviews(RoundSnapshot snapshot) {
        var round = snapshot.round();
        var expected = expected(snapshot);
        var rows = rows(round.id());
        long complete = expected.stream().filter(p -> rows.containsKey(p.id()) && Interviews.COMPLETE.equals(rows.get(p.id()).status())).count();
        long drafts = expected.stream().filter(p -> rows.containsKey(p.id()) && Interviews.DRAFT.equals(rows.get(p.id()).status())).count();
        long notStarted = expected.size() - complete - drafts;
        return List.of(
                ProgressItem.of("interviews", Stage.INTERVIEWS, "guide.item.interviews",
                        ProgressItem.stateOf(complete, expected.size()), true, complete, expected.size()),
                ProgressItem.of("drafts", Stage.INTERVIEWS, "guide.item.drafts",
                        drafts == 0 ? ProgressItem.State.DONE : ProgressItem.State.STARTED, false, drafts),
                ProgressItem.of("notStarted", Stage.INTERVIEWS, "guide.item.notStarted",
                        notStarted == 0 ? ProgressItem.State.DONE : ProgressItem.State.NOT_STARTED, false, notStarted));
    }

    private List<ProgressItem> reflections(Round round) {
        var rows = rows(round.id()).values().stream().filter(r -> Interviews.COMPLETE.equals(r.status())).toList();
        long written = rows.stream().filter(Row::reflected).count();
        return List.of(ProgressItem.of("reflections", Stage.REFLECTION, "guide.item.reflections",
                ProgressItem.stateOf(written, rows.size()), true, written, rows.size()));
    }

    private List<ProgressItem> staffExperiences(Round round) {
        long written = rows(round.id()).values().stream()
                .filter(r -> Interviews.COMPLETE.equals(r.status()) && r.reflected()).count();
        return List.of(ProgressItem.of("staffExperiences", Stage.ANALYSIS, "guide.item.staffExperiences",
                        ProgressItem.State.INFO, false, written)
                .withLink("matrix.reflections.link", "/rounds/" + round.id() + "/reflections"));
    }

    /** The children who are to be interviewed: they said yes and have an interviewer. */
    private static List<Participant> expected(RoundSnapshot snapshot) {
        return snapshot.participants().stream()
                .filter(p -> p.consent() == ConsentStatus.CONSENTED && p.interviewerId() != null)
                .toList();
    }

    private Map<Long, Row> rows(long roundId) {
        return jdbc.sql("""
                select participant_id, status, (reflection is not null or reflection_learnt is not null
                       or reflection_surprised is not null or reflection_change is not null) as reflected
                from interview where round_id = ?""")
                .param(roundId)
                .query((rs, n) -> Map.entry(rs.getLong(1), new Row(rs.getString(2), rs.getBoolean(3))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
