package se.delaktig.interview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import se.delaktig.privacy.NamePatterns;
import se.delaktig.round.ParticipantService.NamedChild;

/**
 * The free-text fields of one interview by the names forms use for them, and finding and replacing
 * children's first names in them. One place, so that the interviewer's check, the process lead's
 * review and the replacement agree on what a field is.
 */
final class FreeTexts {

    private static final Pattern ANSWER_FIELD = Pattern.compile("answers\\[(\\d{1,18})]\\.(childWords|notes)");

    private FreeTexts() {
    }

    /** The draft's and the reflection's free texts by field; either may be null. */
    static Map<String, String> of(InterviewDraft draft, Reflection reflection) {
        var texts = new LinkedHashMap<String, String>();
        if (draft != null) {
            if (draft.answers() != null) {
                for (var answer : draft.answers()) {
                    put(texts, "answers[" + answer.questionId() + "].childWords", answer.childWords());
                    put(texts, "answers[" + answer.questionId() + "].notes", answer.notes());
                }
            }
            put(texts, "childExperienceWords", draft.childExperienceWords());
            put(texts, "transcript", draft.transcript());
            put(texts, "notes", draft.notes());
        }
        if (reflection != null) {
            put(texts, "reflection.learnt", reflection.learnt());
            put(texts, "reflection.surprised", reflection.surprised());
            put(texts, "reflection.change", reflection.change());
            put(texts, "reflection", reflection.other());
        }
        return texts;
    }

    /** The stored interview as a draft, so it is checked like one. */
    static InterviewDraft draftOf(InterviewView view) {
        var answers = new ArrayList<AnswerInput>();
        view.answers().forEach((id, a) -> answers.add(new AnswerInput(id, a.value(), a.childWords(), a.notes())));
        answers.sort(java.util.Comparator.comparingLong(AnswerInput::questionId));
        return new InterviewDraft(answers, view.notes(),
                view.durationMinutes() == null ? null : view.durationMinutes().toString(), view.childExperience(),
                view.childExperienceWords(), view.transcript());
    }

    /** Every child's name in every field, field by field in form order. */
    static List<NameFinding> find(Map<String, String> texts, List<NamedChild> children) {
        var result = new ArrayList<NameFinding>();
        texts.forEach((field, text) -> {
            for (var child : children) {
                if (!NamePatterns.find(text, List.of(child.firstName())).isEmpty()) {
                    result.add(new NameFinding(field, child.firstName(), child.participantId(), child.pseudonym()));
                }
            }
        });
        return List.copyOf(result);
    }

    /** The draft with the name replaced in one of its fields; a field of the reflection is left alone. */
    static InterviewDraft replace(InterviewDraft draft, String field, String name, String replacement) {
        var answers = new ArrayList<AnswerInput>();
        var matcher = ANSWER_FIELD.matcher(field);
        var questionId = matcher.matches() ? Long.parseLong(matcher.group(1)) : null;
        var part = matcher.matches() ? matcher.group(2) : null;
        if (draft.answers() != null) {
            for (var a : draft.answers()) {
                if (questionId != null && a.questionId() == questionId) {
                    answers.add(new AnswerInput(a.questionId(), a.value(),
                            part.equals("childWords") ? swap(a.childWords(), name, replacement) : a.childWords(),
                            part.equals("notes") ? swap(a.notes(), name, replacement) : a.notes()));
                } else {
                    answers.add(a);
                }
            }
        }
        return new InterviewDraft(answers,
                field.equals("notes") ? swap(draft.notes(), name, replacement) : draft.notes(),
                draft.durationMinutes(), draft.childExperience(),
                field.equals("childExperienceWords") ? swap(draft.childExperienceWords(), name, replacement)
                        : draft.childExperienceWords(),
                field.equals("transcript") ? swap(draft.transcript(), name, replacement) : draft.transcript());
    }

    /** The reflection with the name replaced in one of its parts. */
    static Reflection replace(Reflection reflection, String field, String name, String replacement) {
        return new Reflection(
                field.equals("reflection.learnt") ? swap(reflection.learnt(), name, replacement) : reflection.learnt(),
                field.equals("reflection.surprised") ? swap(reflection.surprised(), name, replacement) : reflection.surprised(),
                field.equals("reflection.change") ? swap(reflection.change(), name, replacement) : reflection.change(),
                field.equals("reflection") ? swap(reflection.other(), name, replacement) : reflection.other());
    }

    /** Whether the field is one of the reflection's. */
    static boolean isReflection(String field) {
        return field.equals("reflection") || field.startsWith("reflection.");
    }

    /** Whether the name is one the forms know. */
    static boolean isField(String field) {
        return field != null && (isReflection(field) && List.of("reflection", "reflection.learnt", "reflection.surprised",
                "reflection.change").contains(field) || List.of("notes", "transcript", "childExperienceWords").contains(field)
                || ANSWER_FIELD.matcher(field).matches());
    }

    /** The question a field of an answer belongs to, or null. */
    static Long questionOf(String field) {
        var matcher = ANSWER_FIELD.matcher(field);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : null;
    }

    /** "words" or "notes" for a field of an answer. */
    static String partOf(String field) {
        var matcher = ANSWER_FIELD.matcher(field);
        return matcher.matches() ? matcher.group(2) : null;
    }

    private static String swap(String text, String name, String replacement) {
        return text == null ? null : NamePatterns.replace(text, List.of(name), replacement);
    }

    private static void put(Map<String, String> texts, String field, String text) {
        if (text != null && !text.isBlank()) {
            texts.put(field, text);
        }
    }
}
