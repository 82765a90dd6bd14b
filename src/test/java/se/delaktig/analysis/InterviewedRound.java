package se.delaktig.analysis;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.privacy.RoundKeys;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * A round of the default guide with four consenting children: three completed interviews and one
 * draft. The interview module's write API is not used here on purpose (it is built separately);
 * interviews and answers are inserted as rows, as completed interviews would leave them.
 * On "kontakt.bytt_socialsekreterare" the completed interviews answer YES, YES, NO (the draft YES).
 */
@Component
public class InterviewedRound {

    public static final String CHANGED_WORKER = "kontakt.bytt_socialsekreterare";
    public static final String HOW_OFTEN = "kontakt.hur_ofta";
    public static final String HOW_MANY = "kontakt.antal_socialsekreterare";
    public static final String OWN_WORDS = "intervjun.nagot_mer";

    private final TestFixtures fixtures;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final JdbcClient jdbc;
    private final RoundKeys keys;

    public InterviewedRound(TestFixtures fixtures, RoundService rounds, ParticipantService participants, Guides guides,
                            JdbcClient jdbc, RoundKeys keys) {
        this.keys = keys;
        this.fixtures = fixtures;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.jdbc = jdbc;
    }

    public record Created(TestFixtures.Org org, long roundId, String title) {
    }

    public Created create() {
        var org = fixtures.organisation();
        // The default guide by name: other tests add small guides of their own, also at version 1.
        var guideId = guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten"))
                .findFirst().orElseThrow().id();
        var title = "Omgång " + org.suffix() + " – Barn & familj";
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan(title, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30), 5, null)).id());
        var guide = guides.find(guideId).orElseThrow();
        Map<String, Long> question = Map.of(
                CHANGED_WORKER, questionId(guide, CHANGED_WORKER),
                HOW_OFTEN, questionId(guide, HOW_OFTEN),
                HOW_MANY, questionId(guide, HOW_MANY),
                OWN_WORDS, questionId(guide, OWN_WORDS));
        var answers = List.of(
                Map.of(CHANGED_WORKER, "YES", HOW_OFTEN, "Varje månad", HOW_MANY, "3", OWN_WORDS, "x"),
                Map.of(CHANGED_WORKER, "YES", HOW_OFTEN, "Varje månad", HOW_MANY, "1"),
                Map.of(CHANGED_WORKER, "NO", HOW_OFTEN, "Varje vecka", HOW_MANY, "2", OWN_WORDS, "x"));
        TestFixtures.run(org.processLead(), () -> {
            for (int i = 0; i < 5; i++) {
                var p = participants.add(roundId, new ParticipantService.NewParticipant(15 + i % 3, null, "Barn" + i, null,
                        List.of(), List.of()));
                if (i == 4) {
                    participants.recordConsent(p.id(), ChildAnswer.NO, GuardianAnswer.NOT_NEEDED);
                    continue;
                }
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
                var interviewer = org.interviewerIds().get(i % org.interviewerIds().size());
                participants.assign(p.id(), interviewer);
                var status = i < 3 ? "COMPLETE" : "DRAFT";
                var interviewId = jdbc.sql("""
                        insert into interview (round_id, participant_id, interviewer_id, status, completed_at)
                        values (?, ?, ?, ?, case when ? = 'COMPLETE' then now() end) returning id""")
                        .params(roundId, p.id(), interviewer, status, status).query(Long.class).single();
                var given = i < 3 ? answers.get(i) : Map.of(CHANGED_WORKER, "YES");
                // As the interview module stores them: a free-text answer has no value, only encrypted words.
                given.forEach((key, value) -> jdbc.sql("insert into answer (interview_id, question_id, value, child_words) values (?, ?, ?, ?)")
                        .params(interviewId, question.get(key), key.equals(OWN_WORDS) ? null : value,
                                key.equals(OWN_WORDS) ? keys.encrypt(roundId, "Jag vill säga en sak till.", "answer:" + interviewId) : null)
                        .update());
            }
        });
        return new Created(org, roundId, title);
    }

    private static long questionId(se.delaktig.guide.Guide guide, String key) {
        return guide.questions().filter(q -> q.key().equals(key)).findFirst().orElseThrow().id();
    }
}
