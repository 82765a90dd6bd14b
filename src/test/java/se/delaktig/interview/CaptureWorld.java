package se.delaktig.interview;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * A round with its own small guide – one question of every type – and one consenting child, Saga,
 * assigned to the unit's first interviewer, who has opened the interview. Shared by the capture,
 * safeguarding and browser tests.
 */
@Component
public class CaptureWorld {

    public static final String FIRST_NAME = "Saga";

    public record World(TestFixtures.Org org, long roundId, String roundTitle, long participantId, long interviewId,
                        long yesNo, long choice, long multiple, long smiley, long number, long freeText) {

        public String interviewer() {
            return org.interviewers().get(0);
        }

        public String otherInterviewer() {
            return org.interviewers().get(1);
        }
    }

    private final TestFixtures fixtures;
    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Interviews interviews;

    CaptureWorld(TestFixtures fixtures, JdbcClient jdbc, RoundService rounds, ParticipantService participants,
                 Interviews interviews) {
        this.fixtures = fixtures;
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.participants = participants;
        this.interviews = interviews;
    }

    public World create() {
        return create("sv");
    }

    public World create(String language) {
        var org = fixtures.organisation();
        var guideId = jdbc.sql("insert into guide (name, version) values (?, 1) returning id")
                .param("Fångstguide " + org.suffix()).query(Long.class).single();
        var areaId = jdbc.sql("insert into guide_area (guide_id, position, code, title) values (?, 1, 'kontakt', 'Kontakt') returning id")
                .param(guideId).query(Long.class).single();
        var yesNo = question(areaId, 1, "YES_NO_DONT_KNOW", "Vet du vem din socialsekreterare är?", "{}");
        var choice = question(areaId, 2, "SINGLE_CHOICE", "Hur ofta vill du träffas?", "{\"Oftare\",\"Som nu\",\"Mer sällan\"}");
        var multiple = question(areaId, 3, "MULTIPLE_CHOICE", "Var vill du träffas?", "{\"Hemma\",\"I skolan\",\"På kontoret\"}");
        var smiley = question(areaId, 4, "SMILEY", "Hur känns det att träffa din socialsekreterare?", "{}");
        var number = question(areaId, 5, "NUMBER", "Hur många socialsekreterare har du haft?", "{}");
        var freeText = question(areaId, 6, "FREE_TEXT", "Vad önskar du av socialtjänsten?", "{}");
        var title = "Fångst " + org.suffix();
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan(title, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)).id());
        var participantId = TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(roundId, new ParticipantService.NewParticipant(11, null, language, null, FIRST_NAME,
                    null, List.of(org.interviewerIds().get(2)), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), org.interviewerIds().get(0));
            return p.id();
        });
        var interviewId = TestFixtures.as(org.interviewers().get(0), () -> interviews.open(participantId)).id();
        return new World(org, roundId, title, participantId, interviewId, yesNo, choice, multiple, smiley, number, freeText);
    }

    private long question(long areaId, int position, String type, String text, String options) {
        return jdbc.sql("""
                insert into guide_question (area_id, position, question_key, type, text, options)
                values (?, ?, ?, ?, ?, ?::text[]) returning id""")
                .params(areaId, position, "kontakt.q" + position, type, text, options).query(Long.class).single();
    }
}
