package se.delaktig.interview.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import se.delaktig.guide.Guide;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.interview.InvalidAnswersException;
import se.delaktig.web.InvalidInputException;

/**
 * View model of the interview form: the guide's areas and questions with what was typed and the
 * error of each field, so the template stays free of lookups.
 */
public final class InterviewPage {

    private static final Pattern ANSWER_FIELD = Pattern.compile("answers\\[(\\d+)]\\.(value|childWords|notes)");

    public record Choice(String id, String value, String label, boolean checked) {
    }

    public record QuestionRow(long id, int number, QuestionType type, String text, String prompt, List<Choice> choices,
                       String value, String valueLabel, String childWords, String notes,
                       String valueError, String wordsError, String notesError) {

        public boolean choice() {
            return type == QuestionType.YES_NO_DONT_KNOW || type == QuestionType.SINGLE_CHOICE;
        }

        public boolean numeric() {
            return type == QuestionType.NUMBER;
        }

        /** The ids the value control is described by: the interviewer prompt and the error, if any. */
        public String valueDescribedBy() {
            return join(prompt == null ? null : "q" + id + "-prompt", valueError == null ? null : "q" + id + "-value-error");
        }
    }

    public record AreaRow(String title, String intro, List<QuestionRow> questions) {
    }

    /** One error for the summary at the top; {@code targetId} is null for errors of the whole form. */
    public record FieldProblem(String field, String targetId, String message) {
    }

    private InterviewPage() {
    }

    static List<FieldProblem> problems(InvalidInputException e, MessageSource messages, Locale locale) {
        var list = new ArrayList<FieldProblem>();
        if (e instanceof InvalidAnswersException many) {
            many.problems().forEach(p -> list.add(problem(p.field(), p.messageKey(), p.args(), messages, locale)));
        } else {
            list.add(problem(e.field(), e.messageKey(), e.args(), messages, locale));
        }
        return list;
    }

    private static FieldProblem problem(String field, String key, Object[] args, MessageSource messages, Locale locale) {
        return new FieldProblem(field, targetId(field), messages.getMessage(key, args, key, locale));
    }

    /** The id of the input a field error belongs to, or null for errors about the whole interview. */
    static String targetId(String field) {
        var matcher = ANSWER_FIELD.matcher(field);
        if (matcher.matches()) {
            var part = switch (matcher.group(2)) {
                case "value" -> "value";
                case "childWords" -> "words";
                default -> "notes";
            };
            return "q" + matcher.group(1) + "-" + part;
        }
        return field.equals("notes") || field.equals("reflection") ? field : null;
    }

    static List<AreaRow> areas(Guide guide, InterviewForm form, List<FieldProblem> problems, MessageSource messages,
                               Locale locale) {
        var errors = new LinkedHashMap<String, String>();
        problems.forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        var number = 0;
        var areas = new ArrayList<AreaRow>();
        for (var area : guide.areas()) {
            var rows = new ArrayList<QuestionRow>();
            for (var question : area.questions()) {
                rows.add(row(question, ++number, form, errors, messages, locale));
            }
            areas.add(new AreaRow(area.title(), area.intro(), rows));
        }
        return areas;
    }

    private static QuestionRow row(Question q, int number, InterviewForm form, Map<String, String> errors,
                                   MessageSource messages, Locale locale) {
        var answer = form.answer(q.id());
        var value = answer.value() == null ? "" : answer.value();
        var choices = new ArrayList<Choice>();
        var options = switch (q.type()) {
            case YES_NO_DONT_KNOW -> QuestionType.YES_NO_VALUES;
            case SINGLE_CHOICE -> q.options();
            default -> List.<String>of();
        };
        var valueLabel = value;
        for (var option : options) {
            var label = q.type() == QuestionType.YES_NO_DONT_KNOW
                    ? messages.getMessage("interview.answer." + option, null, option, locale) : option;
            if (option.equals(value)) {
                valueLabel = label;
            }
            choices.add(new Choice("q" + q.id() + "-value" + (choices.isEmpty() ? "" : "-" + choices.size()), option,
                    label, option.equals(value)));
        }
        if (!choices.isEmpty()) {
            // Without JavaScript a chosen radio button cannot be cleared, so "no answer" is a choice too.
            choices.add(new Choice("q" + q.id() + "-value-" + choices.size(), "",
                    messages.getMessage("interview.answer.none", null, locale), value.isBlank()));
        }
        var prefix = "answers[" + q.id() + "].";
        return new QuestionRow(q.id(), number, q.type(), q.text(), blankToNull(q.interviewerPrompt()), choices, value,
                valueLabel, answer.childWords(), answer.notes(), errors.get(prefix + "value"),
                errors.get(prefix + "childWords"), errors.get(prefix + "notes"));
    }

    static String join(String... ids) {
        var joined = String.join(" ", java.util.Arrays.stream(ids).filter(id -> id != null).toList());
        return joined.isEmpty() ? null : joined;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
