package se.delaktig.analysis;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Organization;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * A round of the default guide where every child's interview is completed with one answer to
 * {@link InterviewedRound#CHANGED_WORKER}, for breakdown tests. Rows are inserted as completed
 * interviews leave them (as in {@link InterviewedRound}).
 */
@Component
public class SmallRound {

    /** One interviewed child: age, gender and the answer YES / NO / DONT_KNOW. */
    public record Child(int age, Gender gender, String answer) {
    }

    private final TestFixtures fixtures;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final Organization organization;
    private final JdbcClient jdbc;

    public SmallRound(TestFixtures fixtures, RoundService rounds, ParticipantService participants, Guides guides,
                      Organization organization, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.organization = organization;
        this.jdbc = jdbc;
    }

    /** @param threshold the municipality's suppression threshold, or null for the default */
    public InterviewedRound.Created create(Integer threshold, List<Child> children) {
        var org = fixtures.organisation();
        if (threshold != null) {
            organization.setSuppressionThreshold(org.municipalityId(), threshold);
        }
        var guide = guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten"))
                .findFirst().orElseThrow();
        var questionId = guides.find(guide.id()).orElseThrow().questions()
                .filter(q -> q.key().equals(InterviewedRound.CHANGED_WORKER)).findFirst().orElseThrow().id();
        var title = "Liten omgång " + org.suffix();
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide.id(),
                new RoundService.Plan(title, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30), 5, null)).id());
        TestFixtures.run(org.processLead(), () -> {
            for (int i = 0; i < children.size(); i++) {
                var child = children.get(i);
                var p = participants.add(roundId, new ParticipantService.NewParticipant(child.age(), child.gender(),
                        "Barn" + i, null, List.of(), List.of()));
                participants.recordConsent(p.id(), ChildAnswer.YES,
                        child.age() < 15 ? GuardianAnswer.CONSENTED : GuardianAnswer.NOT_NEEDED);
                var interviewer = org.interviewerIds().get(i % org.interviewerIds().size());
                participants.assign(p.id(), interviewer);
                var interviewId = jdbc.sql("""
                        insert into interview (round_id, participant_id, interviewer_id, status, completed_at)
                        values (?, ?, ?, 'COMPLETE', now()) returning id""")
                        .params(roundId, p.id(), interviewer).query(Long.class).single();
                jdbc.sql("insert into answer (interview_id, question_id, value) values (?, ?, ?)")
                        .params(interviewId, questionId, child.answer()).update();
            }
        });
        return new InterviewedRound.Created(org, roundId, title);
    }
}
