package se.delaktig.interview;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import se.delaktig.guide.Guide;

/**
 * A free-text field of an interview in words ("barnets egna ord vid fråga 3"), for messages that
 * must name the field. Questions are numbered as the form numbers them, through the whole guide.
 */
public final class FieldLabels {

    private final Map<Long, Integer> numbers = new HashMap<>();

    public FieldLabels(Guide guide) {
        guide.questions().forEach(q -> numbers.put(q.id(), numbers.size() + 1));
    }

    /** The field in words, resolved by the message source in the reader's language. */
    public MessageSourceResolvable of(String field) {
        var questionId = FreeTexts.questionOf(field);
        if (questionId != null) {
            var key = "childWords".equals(FreeTexts.partOf(field)) ? "namecheck.field.childWords" : "namecheck.field.answerNotes";
            return resolvable(key, numbers.getOrDefault(questionId, 0));
        }
        return resolvable("namecheck.field." + field);
    }

    private static MessageSourceResolvable resolvable(String key, Object... args) {
        return new DefaultMessageSourceResolvable(new String[] {key}, args, key);
    }
}
