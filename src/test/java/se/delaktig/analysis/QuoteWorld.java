package se.delaktig.analysis;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Places;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * A round with one completed interview whose child, Selma on the key list, said something that names
 * her, the process lead (Petra Processledare), a school on the municipality's place list, a phone
 * number and an e-mail address. Nothing is coded yet; {@link #codeAll} codes the whole answer.
 */
@Component
public class QuoteWorld {

    public static final String FIRST_NAME = "Selma";
    public static final String PLACE = "Ekbackaskolan";
    public static final String WORDS = "Selma tycker att Petra lyssnar. Ring mig på 070-123 45 67 eller skriv till "
            + "tjejen@example.se, jag går på Ekbackaskolan.";
    public static final String CODE = "Blir lyssnad på";

    public record World(TestFixtures.Org org, long roundId, String title, long childId, long interviewId, long questionId) {

        public String interviewer() {
            return org.interviewers().get(0);
        }
    }

    private final TestFixtures fixtures;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final Interviews interviews;
    private final Places places;
    private final Codebooks codebooks;
    private final Codings codings;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    QuoteWorld(TestFixtures fixtures, RoundService rounds, ParticipantService participants, Guides guides,
               Interviews interviews, Places places, Codebooks codebooks, Codings codings,
               org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.fixtures = fixtures;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.interviews = interviews;
        this.places = places;
        this.codebooks = codebooks;
        this.codings = codings;
    }

    public World create() {
        var org = fixtures.organisation();
        var title = "Citatomgång " + org.suffix();
        var guideId = guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten"))
                .findFirst().orElseThrow().id();
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan(title, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30), 5, null)).id());
        var questionId = guides.find(guideId).orElseThrow().question(InterviewedRound.CHANGED_WORKER).orElseThrow().id();
        var child = TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(roundId, new ParticipantService.NewParticipant(15, null, FIRST_NAME, null,
                    List.of(), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
            participants.assign(p.id(), org.interviewerIds().get(0));
            places.add(org.municipalityId(), PLACE + "\nNorra Fäladens skola");
            return p.id();
        });
        var interviewId = TestFixtures.as(org.interviewers().get(0), () -> {
            var opened = interviews.open(child);
            var saved = interviews.save(opened.id(), opened.version(), InterviewDraft.of(
                    List.of(new AnswerInput(questionId, "YES", WORDS, null)), null));
            // The interviewer's own name check refuses to complete while Selma's name stands in her
            // words. Names still reach the analysis: an interview completed before that check, or the
            // name of another child of the round. The quote check exists for those, so the world
            // completes the interview as such an older interview was completed.
            jdbc.sql("update interview set status = 'COMPLETE', completed_at = now(), version = version + 1 where id = ?")
                    .param(saved.id()).update();
            return saved.id();
        });
        return new World(org, roundId, title, child, interviewId, questionId);
    }

    /** The child's words as a codable text. */
    public CodableText words(World w) {
        return TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().stream()
                .map(CodingPage.Text::source)
                .filter(t -> t.interviewId() == w.interviewId() && t.kind() == CodableText.Kind.CHILD_WORDS
                        && t.questionId() != null)
                .findFirst().orElseThrow();
    }

    /** The sub-theme {@link #CODE}. */
    public Code code(World w) {
        return TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals(CODE)).findFirst().orElseThrow();
    }

    /** Codes the whole answer with {@link #CODE}; returns the segment. */
    public Segment codeAll(World w) {
        var text = words(w);
        return TestFixtures.as(w.interviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest(text.key(), 0, WORDS.length(), List.of(code(w).id()), null))).get(0);
    }
}
