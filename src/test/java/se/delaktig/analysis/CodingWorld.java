package se.delaktig.analysis;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * A round of the default guide with two completed interviews, recorded through the interview module
 * as interviewers would: child A (first interviewer) and child B (second interviewer) each said
 * something in their own words to the question about changing social worker, and A's interviewer
 * also wrote a reflection.
 */
@Component
public class CodingWorld {

    public static final String WORDS_A = "Jag har haft tre olika socialsekreterare på ett år. Varje gång måste jag berätta allt igen.";
    public static final String WORDS_B = "Det var bra att träffas på fritidsgården i stället för på kontoret.";
    public static final String REFLECTION_A = "Barnet ville helst träffas efter skolan.";

    public record World(TestFixtures.Org org, long roundId, String title, long childA, long childB,
                        long interviewA, long interviewB, long questionId) {

        public String interviewer() {
            return org.interviewers().get(0);
        }

        public String otherInterviewer() {
            return org.interviewers().get(1);
        }
    }

    private final TestFixtures fixtures;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final Interviews interviews;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    CodingWorld(TestFixtures fixtures, RoundService rounds, ParticipantService participants, Guides guides,
                Interviews interviews, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.fixtures = fixtures;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.interviews = interviews;
    }

    public World create() {
        return create(fixtures.organisation());
    }

    /** A further round in the same unit (for copying codebooks). */
    public long emptyRound(TestFixtures.Org org, String title) {
        return TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), defaultGuide(),
                new RoundService.Plan(title, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 6, 30), 5, null)).id());
    }

    public World create(TestFixtures.Org org) {
        var title = "Kodningsomgång " + org.suffix();
        var guideId = defaultGuide();
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan(title, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30), 5, null)).id());
        var questionId = guides.find(guideId).orElseThrow().question(InterviewedRound.CHANGED_WORKER).orElseThrow().id();
        var a = child(org, roundId, 0);
        var b = child(org, roundId, 1);
        var interviewA = interview(org.interviewers().get(0), a, questionId, WORDS_A, REFLECTION_A);
        var interviewB = interview(org.interviewers().get(1), b, questionId, WORDS_B, null);
        // The team codes each other's interviews, which it reads once the process lead has reviewed the
        // names and opened them (InterviewNamesAttackIT walks that step). The world stays at planning so
        // that its tests can still change the interviews, so it records the opening directly.
        jdbc.sql("insert into interview_reading_opened (round_id, opened_by) values (?, ?)")
                .params(roundId, org.processLead()).update();
        return new World(org, roundId, title, a, b, interviewA, interviewB, questionId);
    }

    private long defaultGuide() {
        return guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten"))
                .findFirst().orElseThrow().id();
    }

    private long child(TestFixtures.Org org, long roundId, int interviewer) {
        return TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(roundId, new ParticipantService.NewParticipant(15 + interviewer, null,
                    "Barn" + interviewer, null, List.of(), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
            participants.assign(p.id(), org.interviewerIds().get(interviewer));
            return p.id();
        });
    }

    private long interview(String interviewer, long participantId, long questionId, String words, String reflection) {
        return TestFixtures.as(interviewer, () -> {
            var opened = interviews.open(participantId);
            var saved = interviews.save(opened.id(), opened.version(), InterviewDraft.of(
                    List.of(new AnswerInput(questionId, "YES", words, null)), null));
            if (reflection != null) {
                interviews.saveReflection(saved.id(), reflection);
            }
            interviews.complete(saved.id(), interviews.get(saved.id()).version());
            return saved.id();
        });
    }
}
