package se.delaktig.interview.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.AnswerView;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.InterviewView;

/**
 * What the interview form holds: everything the interviewer typed, kept exactly as typed so that a
 * rejected form comes back with nothing lost. Parsed by hand from the request parameters
 * ({@code answers[<questionId>].value|childWords|notes}) because the questions come from the guide,
 * not from a fixed class.
 */
record InterviewForm(int version, String notes, Map<Long, AnswerView> answers, String durationMinutes,
                     String childExperience, String childExperienceWords, String transcript) {

    private static final Pattern ANSWER_FIELD = Pattern.compile("answers\\[(\\d{1,18})]\\.(value|childWords|notes)");

    static InterviewForm of(InterviewView interview) {
        return new InterviewForm(interview.version(), interview.notes(), interview.answers(),
                interview.durationMinutes() == null ? null : interview.durationMinutes().toString(),
                interview.childExperience(), interview.childExperienceWords(), interview.transcript());
    }

    static InterviewForm from(Map<String, String[]> parameters) {
        var parts = new LinkedHashMap<Long, String[]>();
        parameters.forEach((name, values) -> {
            var matcher = ANSWER_FIELD.matcher(name);
            if (matcher.matches() && values.length > 0) {
                var part = parts.computeIfAbsent(Long.parseLong(matcher.group(1)), k -> new String[3]);
                switch (matcher.group(2)) {
                    // A multiple-choice question sends one value per ticked box; the value is one per line.
                    case "value" -> part[0] = String.join("\n", values);
                    case "childWords" -> part[1] = values[0];
                    default -> part[2] = values[0];
                }
            }
        });
        var answers = new LinkedHashMap<Long, AnswerView>();
        parts.forEach((id, part) -> answers.put(id, new AnswerView(part[0], part[1], part[2])));
        return new InterviewForm(version(first(parameters, "version")), first(parameters, "notes"), answers,
                first(parameters, "durationMinutes"), first(parameters, "childExperience"),
                first(parameters, "childExperienceWords"), first(parameters, "transcript"));
    }

    /** The same typed form, based on another saved version. */
    InterviewForm withVersion(int newVersion) {
        return new InterviewForm(newVersion, notes, answers, durationMinutes, childExperience, childExperienceWords, transcript);
    }

    List<AnswerInput> inputs() {
        var inputs = new ArrayList<AnswerInput>();
        answers.forEach((id, a) -> inputs.add(new AnswerInput(id, a.value(), a.childWords(), a.notes())));
        return inputs;
    }

    InterviewDraft draft() {
        return new InterviewDraft(inputs(), notes, durationMinutes, childExperience, childExperienceWords, transcript);
    }

    AnswerView answer(long questionId) {
        return answers.getOrDefault(questionId, new AnswerView(null, null, null));
    }

    private static String first(Map<String, String[]> parameters, String name) {
        var values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    // A missing or garbled version can never match, so the save is refused as a conflict, never forced.
    private static int version(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
