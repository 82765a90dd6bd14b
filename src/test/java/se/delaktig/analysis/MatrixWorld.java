package se.delaktig.analysis;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.Interviews;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.seminar.Seminars;

/**
 * A coded round ready for the analysis matrix: {@link CodingWorld}'s two children, child A's words
 * coded twice with "Byte av socialsekreterare" (two segments, one child), both interviewers'
 * reflections coded with "Tid och plats för möten", one approved quote, one candidate and one
 * withdrawn quote (whose texts must never show), and a seminar proposal for the area Kontakt.
 */
@Component
public class MatrixWorld {

    public static final String REFLECTION_B = "Mötet på fritidsgården gick lugnt till.";
    public static final String APPROVED = "Tre olika på ett år";
    public static final String CANDIDATE = "Kandidatcitat som inte är godkänt";
    public static final String WITHDRAWN = "Tillbakadraget citat";
    public static final String PROPOSAL = "Samma socialsekreterare hela tiden";

    public record World(CodingWorld.World base, long changedWorker, long timeAndPlace, long approvedQuote) {
        public long roundId() {
            return base.roundId();
        }

        public TestFixtures.Org org() {
            return base.org();
        }

        public String interviewer() {
            return base.interviewer();
        }
    }

    private final CodingWorld codingWorld;
    private final Codebooks codebooks;
    private final Codings codings;
    private final Interviews interviews;
    private final Seminars seminars;
    private final JdbcClient jdbc;
    private final RoundKeys keys;

    MatrixWorld(CodingWorld codingWorld, Codebooks codebooks, Codings codings, Interviews interviews, Seminars seminars,
                JdbcClient jdbc, RoundKeys keys) {
        this.codingWorld = codingWorld;
        this.codebooks = codebooks;
        this.codings = codings;
        this.interviews = interviews;
        this.seminars = seminars;
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** The round with the reflections written but none of them coded yet, and no quotes. */
    public CodingWorld.World uncoded() {
        var w = codingWorld.create();
        TestFixtures.run(w.otherInterviewer(), () -> interviews.saveReflection(w.interviewB(), REFLECTION_B));
        return w;
    }

    public World create() {
        var w = uncoded();
        var lead = w.org().processLead();
        var changed = code(w, "Byte av socialsekreterare");
        var timePlace = code(w, "Tid och plats för möten");
        var words = text(w, w.interviewA(), CodableText.Kind.CHILD_WORDS);
        TestFixtures.run(w.interviewer(), () -> {
            codings.code(w.roundId(), new Codings.SegmentRequest(words.key(), 0, 20, List.of(changed), null));
            var from = CodingWorld.WORDS_A.indexOf("Varje gång");
            codings.code(w.roundId(), new Codings.SegmentRequest(words.key(), from, CodingWorld.WORDS_A.length(), List.of(changed), null));
            var reflectionA = text(w, w.interviewA(), CodableText.Kind.REFLECTION);
            codings.code(w.roundId(), new Codings.SegmentRequest(reflectionA.key(), 0, reflectionA.text().length(), List.of(timePlace), null));
            var reflectionB = text(w, w.interviewB(), CodableText.Kind.REFLECTION);
            codings.code(w.roundId(), new Codings.SegmentRequest(reflectionB.key(), 0, reflectionB.text().length(), List.of(timePlace), null));
        });
        var approved = quote(w, changed, w.interviewA(), w.childA(), 0, 20, "APPROVED", APPROVED);
        quote(w, changed, w.interviewA(), w.childA(), 21, 40, "CANDIDATE", CANDIDATE);
        quote(w, changed, w.interviewA(), w.childA(), 41, 50, "WITHDRAWN", WITHDRAWN);
        TestFixtures.run(lead, () -> seminars.addProposal(w.roundId(), new Seminars.NewProposal(PROPOSAL, "kontakt", null)));
        return new World(w, changed, timePlace, approved);
    }

    private long quote(CodingWorld.World w, long codeId, long interviewId, long participantId, int start, int end,
                       String status, String text) {
        var draft = keys.encrypt(w.roundId(), text, "quote-test");
        return jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, start_offset, end_offset, draft,
                                   approved_text, status, created_by, approved_by, approved_at)
                values (?, ?, ?, ?, 'CHILD_WORDS', ?, ?, ?, ?, ?, 'test', 'test', now()) returning id""")
                .params(w.roundId(), codeId, interviewId, participantId, start, end, draft, text, status)
                .query(Long.class).single();
    }

    long code(CodingWorld.World w, String name) {
        return TestFixtures.as(w.org().processLead(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
    }

    private CodableText text(CodingWorld.World w, long interviewId, CodableText.Kind kind) {
        return TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().stream()
                .map(CodingPage.Text::source)
                .filter(t -> t.interviewId() == interviewId && t.kind() == kind
                        && (kind != CodableText.Kind.CHILD_WORDS || t.questionId() != null))
                .findFirst().orElseThrow();
    }
}
