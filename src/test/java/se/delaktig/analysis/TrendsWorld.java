package se.delaktig.analysis;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * One unit with two years of rounds on two versions of one guide. Version 2 rewords
 * {@link #CHANGED} (same key) and adds {@link #SAFE}. Rows are inserted as completed interviews
 * leave them (as in {@link InterviewedRound}); the free-text answers are encrypted words.
 *
 * <p>2025 (version 1, closed), 26 children, twelve girls and fourteen boys: changed worker yes ×13 (girls 6,
 * boys 7), no ×11 (girls 5, boys 6), don't know ×2 (girls 1, boys 1); how often mostly "Varje månad",
 * some "Varje vecka"; every child wrote own words.
 * <br>2026 (version 2, at analysis), six children, four girls and two boys: changed worker yes ×2 (girls 1, boys 1),
 * no ×4 (girls 3, boys 1); how often "Varje månad" ×5, one unanswered; feels safe: 5 ×4, 4 ×2.
 * <br>A third round of the unit is still at the interviews step, with one completed interview: not compared.
 */
@Component
public class TrendsWorld {

    public static final String CHANGED = "kontakt.bytt";
    public static final String HOW_OFTEN = "kontakt.hur_ofta";
    public static final String WISH = "kontakt.onskan";
    public static final String SAFE = "kontakt.trygg";
    public static final String OLD_WORDING = "Har du bytt socialsekreterare?";
    public static final String NEW_WORDING = "Har du fått byta socialsekreterare under det senaste året?";
    public static final String SECRET_WORDS = "Hemligt om hunden Rufus på Storgatan";

    private final TestFixtures fixtures;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final JdbcClient jdbc;
    private final RoundKeys keys;

    public TrendsWorld(TestFixtures fixtures, RoundService rounds, ParticipantService participants, Guides guides,
                       JdbcClient jdbc, RoundKeys keys) {
        this.fixtures = fixtures;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.jdbc = jdbc;
        this.keys = keys;
    }

    public record World(TestFixtures.Org org, long round2025, long round2026, long roundInProgress,
                        String title2025, String title2026, String titleInProgress) {
    }

    /** One interviewed child: gender and answers by question key (free text: any value means "wrote words"). */
    record Child(Gender gender, Map<String, String> answers) {
    }

    public World create() {
        var org = fixtures.organisation();
        var name = "Trendguide " + UUID.randomUUID().toString().substring(0, 8);
        var v1 = guide(name, 1, OLD_WORDING, false);
        var v2 = guide(name, 2, NEW_WORDING, true);
        var title2025 = "Barns röster 2025 " + org.suffix();
        var title2026 = "Barns röster 2026 " + org.suffix();
        var titleInProgress = "Barns röster 2027 " + org.suffix();
        var r2025 = round(org, v1, title2025, 2025);
        var r2026 = round(org, v2, title2026, 2026);
        var r2027 = round(org, v2, titleInProgress, 2027);
        var children2025 = new java.util.ArrayList<Child>();
        for (int i = 0; i < 26; i++) {
            var gender = i < 12 ? Gender.GIRL : Gender.BOY;
            // girls: yes ×6, no ×5, don't know ×1; boys: yes ×7, no ×6, don't know ×1
            var changed = i < 6 || (i >= 12 && i < 19) ? "YES" : i == 11 || i == 25 ? "DONT_KNOW" : "NO";
            children2025.add(new Child(gender, Map.of(CHANGED, changed, HOW_OFTEN, i % 4 == 3 ? "Varje vecka" : "Varje månad",
                    WISH, "words")));
        }
        interview(org, r2025, v1, children2025);
        var children2026 = new java.util.ArrayList<Child>();
        for (int i = 0; i < 6; i++) {
            var gender = i < 4 ? Gender.GIRL : Gender.BOY;
            // girls: yes no no no; boys: yes no
            var changed = (i == 0 || i == 4) ? "YES" : "NO";
            var answers = new HashMap<String, String>(Map.of(CHANGED, changed, SAFE, i < 4 ? "5" : "4"));
            if (i != 5) {
                answers.put(HOW_OFTEN, "Varje månad");
            }
            if (i % 2 == 0) {
                answers.put(WISH, "words");
            }
            children2026.add(new Child(gender, answers));
        }
        interview(org, r2026, v2, children2026);
        interview(org, r2027, v2, List.of(new Child(Gender.BOY, Map.of(CHANGED, "YES"))));
        stage(r2025, "CLOSED");
        stage(r2026, "ANALYSIS");
        stage(r2027, "INTERVIEWS");
        return new World(org, r2025, r2026, r2027, title2025, title2026, titleInProgress);
    }

    private long guide(String name, int version, String changedWording, boolean withSafe) {
        var guide = jdbc.sql("insert into guide (name, version) values (?, ?) returning id").params(name, version)
                .query(Long.class).single();
        var area = jdbc.sql("insert into guide_area (guide_id, position, code, title) values (?, 1, 'kontakt', 'Kontakt') returning id")
                .param(guide).query(Long.class).single();
        jdbc.sql("""
                insert into guide_question (area_id, position, question_key, type, text, options) values
                (:a, 1, 'kontakt.bytt', 'YES_NO_DONT_KNOW', :changed, '{}'),
                (:a, 2, 'kontakt.hur_ofta', 'SINGLE_CHOICE', 'Hur ofta träffar du din socialsekreterare?', '{"Varje vecka","Varje månad","Mer sällan"}'),
                (:a, 4, 'kontakt.onskan', 'FREE_TEXT', 'Hur skulle du vilja att kontakten var?', '{}')""")
                .param("a", area).param("changed", changedWording).update();
        if (withSafe) {
            jdbc.sql("""
                    insert into guide_question (area_id, position, question_key, type, text, options) values
                    (?, 3, 'kontakt.trygg', 'SMILEY', 'Hur trygg känner du dig med din socialsekreterare?', '{}')""")
                    .param(area).update();
        }
        return guide;
    }

    private long round(TestFixtures.Org org, long guideId, String title, int year) {
        return TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan(title, LocalDate.of(year, 3, 1), LocalDate.of(year, 6, 30), 8, null)).id());
    }

    /** Moves a round to a step directly: the steps' own rules are not what these tests are about. */
    private void stage(long roundId, String stage) {
        jdbc.sql("update round set stage = ? where id = ?").params(stage, roundId).update();
    }

    private void interview(TestFixtures.Org org, long roundId, long guideId, List<Child> children) {
        var guide = guides.find(guideId).orElseThrow();
        TestFixtures.run(org.processLead(), () -> {
            for (int i = 0; i < children.size(); i++) {
                var child = children.get(i);
                var p = participants.add(roundId, new ParticipantService.NewParticipant(15, child.gender(), "Barn" + i, null,
                        List.of(), List.of()));
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
                var interviewer = org.interviewerIds().get(i % org.interviewerIds().size());
                participants.assign(p.id(), interviewer);
                var interviewId = jdbc.sql("""
                        insert into interview (round_id, participant_id, interviewer_id, status, completed_at)
                        values (?, ?, ?, 'COMPLETE', now()) returning id""")
                        .params(roundId, p.id(), interviewer).query(Long.class).single();
                child.answers().forEach((key, value) -> {
                    var question = guide.question(key).orElseThrow();
                    var words = key.equals(WISH);
                    jdbc.sql("insert into answer (interview_id, question_id, value, child_words) values (?, ?, ?, ?)")
                            .params(interviewId, question.id(), words ? null : value,
                                    words ? keys.encrypt(roundId, SECRET_WORDS, "answer:" + interviewId) : null)
                            .update();
                });
            }
        });
    }
}
