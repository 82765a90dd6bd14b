package se.delaktig.demo;

import static se.delaktig.demo.AsUser.as;
import static se.delaktig.demo.AsUser.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import se.delaktig.analysis.AnalysisMatrix;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.DoubleCodings;
import se.delaktig.analysis.Quotes;
import se.delaktig.analysis.Segment;
import se.delaktig.guide.Guide;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Places;
import se.delaktig.seminar.Seminars;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysis of the demo's finished round, as the team would have done it, read from
 * {@code demo/finished-analysis.json}: the texts and reflections coded, quotes de-identified and
 * approved (one left as a candidate with a staff member's name in it), a finished blind double
 * coding, the seminar with its reading, notes and ranked proposals with evidence, and the team's
 * texts in the analysis matrix. Everything goes through the services a user's clicks use.
 */
@Component
class DemoAnalysis {

    /** One coded span: which child, which text, the phrase within it (null: all of it), the codes. */
    record Coding(String coder, String child, String text, String phrase, List<String> codes) {
    }

    /** A quote marked from a coded span; {@code approved} is the de-identified wording, or null to leave it a candidate. */
    record QuoteSeed(String child, String text, String phrase, String code, String approved) {
    }

    record DoubleCoding(List<String> coders, List<String> children, List<Coding> coding) {
    }

    /** A proposal; {@code quotes} are indexes into the quote list. */
    record ProposalSeed(String area, String text, List<String> codes, List<Integer> quotes, List<String> counts) {
    }

    record SeminarSeed(LocalDate heldOn, List<String> participants, Map<String, Integer> unread, String notes,
                       List<ProposalSeed> proposals) {
    }

    record MatrixText(String area, AnalysisMatrix.Column column, String text) {
    }

    record Content(List<Coding> coding, List<String> places, List<QuoteSeed> quotes, DoubleCoding doubleCoding,
                   SeminarSeed seminar, List<MatrixText> matrix) {
    }

    private static final String LEAD = "processledare";

    private final Codebooks codebooks;
    private final Codings codings;
    private final Interviews interviews;
    private final Quotes quotes;
    private final Places places;
    private final DoubleCodings doubleCodings;
    private final Seminars seminars;
    private final AnalysisMatrix matrix;
    private final Organization organization;
    private final JsonMapper json;

    DemoAnalysis(Codebooks codebooks, Codings codings, Interviews interviews, Quotes quotes, Places places,
                 DoubleCodings doubleCodings, Seminars seminars, AnalysisMatrix matrix, Organization organization,
                 JsonMapper json) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.interviews = interviews;
        this.quotes = quotes;
        this.places = places;
        this.doubleCodings = doubleCodings;
        this.seminars = seminars;
        this.matrix = matrix;
        this.organization = organization;
        this.json = json;
    }

    void seed(long municipalityId, long roundId, Guide guide, Map<String, Long> participantByChild) {
        Content content;
        try (InputStream in = new ClassPathResource("demo/finished-analysis.json").getInputStream()) {
            content = json.readValue(in, Content.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var questionByKey = new HashMap<String, Long>();
        guide.questions().forEach(q -> questionByKey.put(q.key(), q.id()));
        var world = new World(roundId, participantByChild, questionByKey);

        run(LEAD, () -> {
            places.add(municipalityId, String.join("\n", content.places()));
            world.load();
            var segments = new HashMap<String, Segment>();
            for (var coding : content.coding()) {
                var coded = codings.code(roundId, world.request(coding));
                segments.put(world.spanKey(coding.child(), coding.text(), coding.phrase()), coded.get(0));
            }
            for (var seed : content.quotes()) {
                var segment = segments.get(world.spanKey(seed.child(), seed.text(), seed.phrase()));
                var quote = quotes.mark(roundId, segment.id());
                world.quoteIds.add(quote.id());
                if (seed.approved() != null) {
                    if (!seed.approved().equals(quote.text())) {
                        quote = quotes.edit(roundId, quote.id(), quote.version(), seed.approved());
                    }
                    quotes.approve(roundId, quote.id(), quote.version());
                }
            }
        });
        doubleCoding(world, content.doubleCoding());
        seminar(world, content.seminar());
        run(LEAD, () -> {
            for (var text : content.matrix()) {
                matrix.save(roundId, text.area(), text.column(), 0, text.text());
            }
        });
    }

    private void doubleCoding(World world, DoubleCoding seed) {
        var interviewIds = seed.children().stream().map(world::interviewOf).toList();
        var pass = as(LEAD, () -> doubleCodings.start(world.roundId, new DoubleCodings.StartRequest(
                staffId(seed.coders().get(0)), staffId(seed.coders().get(1)), interviewIds)));
        for (var coder : seed.coders()) {
            run(coder, () -> {
                seed.coding().stream().filter(c -> c.coder().equals(coder))
                        .forEach(c -> doubleCodings.code(world.roundId, pass.id(), world.request(c)));
                doubleCodings.markDone(world.roundId, pass.id());
            });
        }
    }

    private void seminar(World world, SeminarSeed seed) {
        var participantIds = new LinkedHashSet<Long>();
        seed.participants().forEach(username -> participantIds.add(staffId(username)));
        run(LEAD, () -> seminars.saveRecord(world.roundId, new Seminars.RecordInput(seed.heldOn(), participantIds, seed.notes())));
        for (var username : seed.participants()) {
            run(username, () -> {
                var all = seminars.checklist(world.roundId).stream().map(Seminars.ReadingItem::interviewId).toList();
                var read = all.subList(0, all.size() - seed.unread().getOrDefault(username, 0));
                seminars.setRead(world.roundId, read);
            });
        }
        run(LEAD, () -> {
            for (var proposal : seed.proposals()) {
                var codeIds = proposal.codes().stream().map(world::codeId).toList();
                var quoteIds = proposal.quotes().stream().map(world.quoteIds::get).toList();
                var questionIds = proposal.counts().stream().map(world.questionByKey::get).toList();
                seminars.addProposal(world.roundId, new Seminars.NewProposal(proposal.text(), proposal.area(), null,
                        codeIds, quoteIds, questionIds));
            }
        });
    }

    private long staffId(String username) {
        return organization.staffByUsername(username).orElseThrow().id();
    }

    /** The round's texts and codes, looked up by the content file's references. */
    private final class World {

        final long roundId;
        final Map<String, Long> participantByChild;
        final Map<String, Long> questionByKey;
        List<CodableText> texts;
        final Map<String, Long> codeByName = new HashMap<>();
        /** The quotes in the order of the content file. */
        final List<Long> quoteIds = new ArrayList<>();

        World(long roundId, Map<String, Long> participantByChild, Map<String, Long> questionByKey) {
            this.roundId = roundId;
            this.participantByChild = participantByChild;
            this.questionByKey = questionByKey;
        }

        void load() {
            texts = interviews.textsForCoding(roundId);
            codebooks.codes(roundId).stream().filter(Code::active).forEach(c -> codeByName.put(c.name(), c.id()));
        }

        long codeId(String name) {
            var id = codeByName.get(name);
            if (id == null) {
                throw new IllegalStateException("Demo code missing from the codebook: " + name);
            }
            return id;
        }

        long interviewOf(String child) {
            var participantId = participantByChild.get(child);
            return texts.stream().filter(t -> t.participantId() == participantId).findFirst().orElseThrow().interviewId();
        }

        String spanKey(String child, String text, String phrase) {
            return child + "|" + text + "|" + phrase;
        }

        Codings.SegmentRequest request(Coding coding) {
            var participantId = participantByChild.get(coding.child());
            var text = texts.stream().filter(t -> t.participantId() == participantId && isAt(t, coding.text()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("Demo text not found: " + coding));
            var start = coding.phrase() == null ? 0 : text.text().indexOf(coding.phrase());
            if (start < 0) {
                throw new IllegalStateException("Demo phrase not in its text: " + coding);
            }
            var end = coding.phrase() == null ? text.text().length() : start + coding.phrase().length();
            return new Codings.SegmentRequest(text.key(), start, end, coding.codes().stream().map(this::codeId).toList(), null);
        }

        private boolean isAt(CodableText text, String where) {
            var colon = where.indexOf(':');
            var kind = colon < 0 ? where : where.substring(0, colon);
            var detail = colon < 0 ? null : where.substring(colon + 1);
            return switch (kind) {
                case "words" -> text.kind() == CodableText.Kind.CHILD_WORDS && questionByKey.get(detail).equals(text.questionId());
                case "notes" -> text.kind() == CodableText.Kind.NOTES && text.questionId() == null;
                case "transcript" -> text.kind() == CodableText.Kind.TRANSCRIPT;
                case "reflection" -> text.kind() == CodableText.Kind.REFLECTION && detail.equals(text.part());
                default -> throw new IllegalStateException("Unknown demo text reference: " + where);
            };
        }
    }
}
