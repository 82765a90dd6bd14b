package se.delaktig.report;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.CodingPage;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.interview.CodableText;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.seminar.Seminars;

/**
 * A round ready for its memo: two completed interviews (see {@link CodingWorld}) whose words are
 * coded with the sub-theme "Byte av socialsekreterare", one approved quote, one candidate quote and
 * one withdrawn quote inserted as rows of table quote, and one seminar proposal.
 */
@Component
public class MemoWorld {

    public static final String THEME = "Byte av socialsekreterare";
    public static final String APPROVED = "Jag vill ha samma socialsekreterare hela tiden.";
    public static final String CANDIDATE = "KANDIDATCITAT som ännu inte är godkänt";
    public static final String WITHDRAWN = "ÅTERKALLAT CITAT som inte får synas";
    public static final String PROPOSAL = "Barnet ska få behålla samma socialsekreterare";

    public record World(CodingWorld.World round) {

        public long roundId() {
            return round.roundId();
        }

        public TestFixtures.Org org() {
            return round.org();
        }

        public String lead() {
            return round.org().processLead();
        }
    }

    private final CodingWorld codingWorld;
    private final Codings codings;
    private final Codebooks codebooks;
    private final Seminars seminars;
    private final JdbcClient jdbc;
    private final RoundKeys keys;

    MemoWorld(CodingWorld codingWorld, Codings codings, Codebooks codebooks, Seminars seminars, JdbcClient jdbc, RoundKeys keys) {
        this.codingWorld = codingWorld;
        this.codings = codings;
        this.codebooks = codebooks;
        this.seminars = seminars;
        this.jdbc = jdbc;
        this.keys = keys;
    }

    public World create() {
        var w = codingWorld.create();
        var lead = w.org().processLead();
        var theme = TestFixtures.as(lead, () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals(THEME)).findFirst().orElseThrow();
        for (var interview : List.of(w.interviewA(), w.interviewB())) {
            var text = childWords(w, interview);
            TestFixtures.run(lead, () -> codings.code(w.roundId(), new Codings.SegmentRequest(text.key(), 0, 10, List.of(theme.id()), null)));
        }
        quote(w, theme, w.interviewA(), w.childA(), 0, "APPROVED", APPROVED, null);
        var candidate = quote(w, theme, w.interviewB(), w.childB(), 0, "CANDIDATE", null, null);
        jdbc.sql("update quote set draft = ? where id = ?")
                .params(keys.encrypt(w.roundId(), CANDIDATE, "quote:" + candidate), candidate).update();
        // A quote approved once and then withdrawn keeps its text; it must never reach the memo either.
        quote(w, theme, w.interviewB(), w.childB(), 20, "WITHDRAWN", WITHDRAWN, null);
        TestFixtures.run(lead, () -> seminars.addProposal(w.roundId(), new Seminars.NewProposal(PROPOSAL, "kontakt", null)));
        return new World(w);
    }

    private long quote(CodingWorld.World w, Code code, long interviewId, long participantId, int start, String status,
                       String approvedText, byte[] draft) {
        return jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, question_id, start_offset, end_offset,
                                   draft, approved_text, status, created_by, approved_by, approved_at)
                values (?, ?, ?, ?, 'CHILD_WORDS', ?, ?, ?, ?, ?, ?, ?, ?, case when ? = 'APPROVED' then now() end)
                returning id""")
                .params(w.roundId(), code.id(), interviewId, participantId, w.questionId(), start, start + 10, draft,
                        approvedText, status, w.org().processLead(), "APPROVED".equals(status) ? w.org().processLead() : null,
                        status)
                .query(Long.class).single();
    }

    private CodableText childWords(CodingWorld.World w, long interviewId) {
        return TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().stream()
                .map(CodingPage.Text::source)
                .filter(t -> t.interviewId() == interviewId && t.kind() == CodableText.Kind.CHILD_WORDS && t.questionId() != null)
                .findFirst().orElseThrow();
    }
}
