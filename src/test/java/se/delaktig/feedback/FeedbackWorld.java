package se.delaktig.feedback;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.CodingPage;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Codings;
import se.delaktig.audit.AuditLog;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.Outcome;
import se.delaktig.interview.CodableText;
import se.delaktig.round.ParticipantService;
import se.delaktig.seminar.Seminars;

/**
 * A round ready for feedback: the coding world's two completed interviews (B01, B02), a third child
 * on the key list who was not interviewed ("Selma"), both children's words coded with "Byte av
 * socialsekreterare" and B's also with "Tid och plats för möten"; one approved quote, one withdrawn
 * one (whose words must never appear) and one candidate; and three proposals, of which the first is
 * approved with an action due in October 2026, the second rejected and the third approved without
 * actions yet.
 */
@Component
public class FeedbackWorld {

    public static final String FIRST_NAME = "Selma";
    public static final String QUOTE = "Jag vill ha samma person hela tiden";
    public static final String WITHDRAWN = "Hemligt citat som drogs tillbaka";
    public static final String ACTION = "Samma socialsekreterare under hela utredningen";
    public static final LocalDate DEADLINE = LocalDate.of(2026, 10, 15);
    public static final String REJECTED = "Nattöppet kontor varje dag";
    public static final String APPROVED_WITHOUT_ACTION = "Förklara beslut så att barnet förstår";

    public record World(TestFixtures.Org org, long roundId, String title, long quoteId, long withdrawnQuoteId,
                        long candidateQuoteId) {

        public String lead() {
            return org.processLead();
        }

        public String manager() {
            return org.manager();
        }

        public String interviewer() {
            return org.interviewers().get(0);
        }
    }

    private final TestFixtures fixtures;
    private final CodingWorld coding;
    private final Codebooks codebooks;
    private final Codings codings;
    private final ParticipantService participants;
    private final Seminars seminars;
    private final Decisions decisions;
    private final JdbcClient jdbc;

    FeedbackWorld(TestFixtures fixtures, CodingWorld coding, Codebooks codebooks, Codings codings,
                  ParticipantService participants, Seminars seminars, Decisions decisions, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.coding = coding;
        this.codebooks = codebooks;
        this.codings = codings;
        this.participants = participants;
        this.seminars = seminars;
        this.decisions = decisions;
        this.jdbc = jdbc;
    }

    public World create() {
        var org = fixtures.organisation();
        var w = coding.create(org);
        var interviewer = w.interviewer();
        TestFixtures.run(org.processLead(), () -> participants.add(w.roundId(),
                new ParticipantService.NewParticipant(10, null, FIRST_NAME, null, List.of(), List.of())));
        var change = sub(interviewer, w.roundId(), "Byte av socialsekreterare");
        var place = sub(interviewer, w.roundId(), "Tid och plats för möten");
        var textA = childWords(interviewer, w.roundId(), w.interviewA());
        var textB = childWords(interviewer, w.roundId(), w.interviewB());
        TestFixtures.run(interviewer, () -> {
            codings.code(w.roundId(), new Codings.SegmentRequest(textA.key(), 0, 20, List.of(change), null));
            codings.code(w.roundId(), new Codings.SegmentRequest(textB.key(), 0, 20, List.of(change, place), null));
        });
        var quote = quote(w.roundId(), change, textA, 0, "APPROVED", QUOTE);
        var withdrawn = quote(w.roundId(), change, textA, 5, "WITHDRAWN", WITHDRAWN);
        var candidate = quote(w.roundId(), place, textB, 0, "CANDIDATE", null);

        var proposals = TestFixtures.as(interviewer, () -> List.of(
                seminars.addProposal(w.roundId(), new Seminars.NewProposal("Samma socialsekreterare", "kontakt", null)).id(),
                seminars.addProposal(w.roundId(), new Seminars.NewProposal(REJECTED, "kontakt", null)).id(),
                seminars.addProposal(w.roundId(), new Seminars.NewProposal(APPROVED_WITHOUT_ACTION, "kunskap", null)).id()));
        var today = LocalDate.now(AuditLog.ZONE);
        TestFixtures.run(org.manager(), () -> {
            decisions.decide(w.roundId(), new Decisions.DecisionInput(proposals.get(0), Outcome.APPROVED, null,
                    DecidingBody.UNIT_MANAGEMENT, today, null, null));
            decisions.addAction(w.roundId(), new Decisions.NewAction(proposals.get(0), ACTION, org.managerId(), DEADLINE));
            decisions.decide(w.roundId(), new Decisions.DecisionInput(proposals.get(1), Outcome.REJECTED, "Går inte",
                    DecidingBody.UNIT_MANAGEMENT, today, null, null));
            decisions.decide(w.roundId(), new Decisions.DecisionInput(proposals.get(2), Outcome.APPROVED, null,
                    DecidingBody.COMMITTEE, today, null, null));
        });
        return new World(org, w.roundId(), w.title(), quote, withdrawn, candidate);
    }

    private long sub(String who, long roundId, String name) {
        return TestFixtures.as(who, () -> codebooks.codes(roundId)).stream().filter(c -> c.name().equals(name))
                .map(Code::id).findFirst().orElseThrow();
    }

    private CodableText childWords(String who, long roundId, long interviewId) {
        return TestFixtures.as(who, () -> codings.page(roundId)).texts().stream().map(CodingPage.Text::source)
                .filter(t -> t.interviewId() == interviewId && t.kind() == CodableText.Kind.CHILD_WORDS && t.questionId() != null)
                .findFirst().orElseThrow();
    }

    /** A quote row as the quote workflow leaves it; approved and withdrawn ones keep their last wording. */
    private long quote(long roundId, long codeId, CodableText text, int start, String status, String wording) {
        return jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, question_id, start_offset, end_offset,
                                   approved_text, status, created_by, approved_by, approved_at)
                values (?, ?, ?, ?, 'CHILD_WORDS', ?, ?, ?, ?, ?, 'test', ?, case when ? then now() end) returning id""")
                .params(roundId, codeId, text.interviewId(), text.participantId(), text.questionId(), start, start + 10,
                        wording, status, wording == null ? null : "test", wording != null)
                .query(Long.class).single();
    }
}
