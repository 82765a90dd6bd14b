package se.delaktig.analysis.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;
import se.delaktig.analysis.CodingPage;

/**
 * Which texts the coding page shows: one child's, the answers to one question, and only those not
 * coded yet. Plain GET parameters, so the filter works without script and survives a save.
 *
 * @param child    a participant id, or null for every child
 * @param question a question id, or null for every question
 * @param uncoded  only texts with nothing coded yet
 */
record CodingFilter(Long child, Long question, boolean uncoded) {

    static final CodingFilter NONE = new CodingFilter(null, null, false);

    public boolean any() {
        return child != null || question != null || uncoded;
    }

    List<CodingPage.Text> apply(List<CodingPage.Text> texts) {
        return texts.stream()
                .filter(t -> child == null || t.source().participantId() == child)
                .filter(t -> question == null || question.equals(t.source().questionId()))
                .filter(t -> !uncoded || !t.coded())
                .toList();
    }

    /** The children with texts, by participant id, in the page's order: pseudonyms only. */
    static Map<Long, String> children(List<CodingPage.Text> texts) {
        var result = new LinkedHashMap<Long, String>();
        texts.forEach(t -> result.putIfAbsent(t.source().participantId(), t.source().pseudonym()));
        return result;
    }

    /** The questions that have texts, by id, in the guide's order as the texts come. */
    static Map<Long, String> questions(List<CodingPage.Text> texts) {
        var result = new LinkedHashMap<Long, String>();
        texts.stream().filter(t -> t.source().questionId() != null && t.questionText() != null)
                .forEach(t -> result.putIfAbsent(t.source().questionId(), t.questionText()));
        return result;
    }

    /** The page's address with this filter, e.g. to come back to after a save. */
    String query(String path) {
        var builder = UriComponentsBuilder.fromPath(path);
        if (child != null) {
            builder.queryParam("child", child);
        }
        if (question != null) {
            builder.queryParam("question", question);
        }
        if (uncoded) {
            builder.queryParam("uncoded", "true");
        }
        return builder.build().toUriString();
    }
}
