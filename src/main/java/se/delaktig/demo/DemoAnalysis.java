package se.delaktig.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.guide.Guide;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.Interviews;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysis of the demo's finished round: the interviews' texts coded with the round's codebook,
 * as the team would have done it, read from {@code demo/finished-analysis.json}. Everything goes
 * through the same services a user's clicks do, as the process lead.
 */
@Component
class DemoAnalysis {

    /** One coded span: which child, which text, the phrase within it (null: all of it), the codes. */
    record Coding(String child, String text, String phrase, List<String> codes) {
    }

    record Content(List<Coding> coding) {
    }

    private final Codebooks codebooks;
    private final Codings codings;
    private final Interviews interviews;
    private final JsonMapper json;

    DemoAnalysis(Codebooks codebooks, Codings codings, Interviews interviews, JsonMapper json) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.interviews = interviews;
        this.json = json;
    }

    /** Codes the finished round; the caller runs this as the process lead. */
    void seed(long roundId, Guide guide, Map<String, Long> participantByChild) throws IOException {
        Content content;
        try (InputStream in = new ClassPathResource("demo/finished-analysis.json").getInputStream()) {
            content = json.readValue(in, Content.class);
        }
        var codeByName = new HashMap<String, Long>();
        codebooks.codes(roundId).stream().filter(Code::active).forEach(c -> codeByName.put(c.name(), c.id()));
        var questionByKey = new HashMap<String, Long>();
        guide.questions().forEach(q -> questionByKey.put(q.key(), q.id()));
        var texts = interviews.textsForCoding(roundId);
        for (var coding : content.coding()) {
            var participantId = participantByChild.get(coding.child());
            var text = texts.stream().filter(t -> t.participantId() == participantId && isAt(t, coding.text(), questionByKey))
                    .findFirst().orElseThrow(() -> new IllegalStateException("Demo text not found: " + coding));
            var start = coding.phrase() == null ? 0 : text.text().indexOf(coding.phrase());
            if (start < 0) {
                throw new IllegalStateException("Demo phrase not in its text: " + coding);
            }
            var end = coding.phrase() == null ? text.text().length() : start + coding.phrase().length();
            var codeIds = coding.codes().stream().map(name -> {
                var id = codeByName.get(name);
                if (id == null) {
                    throw new IllegalStateException("Demo code missing from the codebook: " + name);
                }
                return id;
            }).toList();
            codings.code(roundId, new Codings.SegmentRequest(text.key(), start, end, codeIds));
        }
    }

    private static boolean isAt(CodableText text, String where, Map<String, Long> questionByKey) {
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
