package se.delaktig.interview;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;

/**
 * Which interviews of a round are completed, by pseudonym – for the seminar's reading checklist.
 * Nothing of the interview's content is here.
 */
@Service
@Transactional(readOnly = true)
public class CompletedInterviews {

    /** A completed interview and the pseudonym of the child. */
    public record CompletedInterview(long interviewId, long participantId, String pseudonym) {
    }

    private final JdbcClient jdbc;
    private final ParticipantService participants;

    CompletedInterviews(JdbcClient jdbc, ParticipantService participants) {
        this.jdbc = jdbc;
        this.participants = participants;
    }

    /** The round's completed interviews ordered by pseudonym; a round the person may not see is a 404. */
    public List<CompletedInterview> of(long roundId) {
        Map<Long, String> pseudonyms = participants.of(roundId).stream()
                .collect(Collectors.toMap(Participant::id, Participant::pseudonym, (a, b) -> a));
        return jdbc.sql("select id, participant_id from interview where round_id = ? and status = 'COMPLETE'")
                .param(roundId)
                .query((rs, n) -> new CompletedInterview(rs.getLong(1), rs.getLong(2),
                        pseudonyms.getOrDefault(rs.getLong(2), "?")))
                .list().stream()
                .sorted(java.util.Comparator.comparing(CompletedInterview::pseudonym))
                .toList();
    }
}
