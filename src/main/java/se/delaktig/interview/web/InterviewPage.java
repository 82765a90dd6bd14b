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

    /** Languages written right to left, so that child-facing wording in them gets {@code dir="rtl"}. */
    private static final java.util.Set<String> RIGHT_TO_LEFT = java.util.Set.of("ar", "fa", "he", "ur", "ps", "ckb", "yi");

    /** The faces of the five-step scale, saddest first; decoration only, the label carries the meaning. */
    private static final List<String> FACES = List.of("\uD83D\uDE22", "\uD83D\uDE41", "\uD83D\uDE10", "\uD83D\uDE42", "\uD83D\uDE00");

    /** One radio button or checkbox; {@code face} is the smiley shown beside a scale step, or null. */
    public record Choice(String id, String value, String label, boolean checked, String face) {
    }

    /**
     * One question of the form.
     *
     * @param text      the wording for the child's age and language
     * @param textLang  the language of {@code text} when it is not Swedish, else null
     * @param textDir   "rtl" for a right-to-left language, else null
     * @param guideText the guide's own Swedish wording when the child hears something else, else null
     */
    public record QuestionRow(long id, int number, QuestionType type, String text, String textLang, String textDir,
                       String guideText, String prompt, List<Choice> choices,
                       String value, String valueLabel, String childWords, String notes,
                       String valueError, String wordsError, String notesError) {

        /** Answered with one radio button. */
        public boolean choice() {
            return type == QuestionType.YES_NO_DONT_KNOW || type == QuestionType.SINGLE_CHOICE;
        }

        public boolean multiple() {
            return type == QuestionType.MULTIPLE_CHOICE;
        }

        public boolean smiley() {
            return type == QuestionType.SMILEY;
        }

        /** Whether the question has a structured answer to show when reading. */
        public boolean structured() {
            return type != QuestionType.FREE_TEXT;
        }

        public boolean numeric() {
            return type == QuestionType.NUMBER;
        }

        /** The ids the value control is described by: the interviewer prompt and the error, if any. */
        public String valueDescribedBy() {
            return join(prompt == null ? null : "q" + id + "-prompt", valueError == null ? null : "q" + id + "-value-error");
        }
    }

    /**
     * One area of the guide, shown as one step of the form on a tablet.
     *
     * @param number        the area's place in the guide, from 1
     * @param firstQuestion the number of its first question in the whole form
     * @param lastQuestion  the number of its last question (below {@code firstQuestion} for an area without questions)
     */
    public record AreaRow(int number, String title, String intro, List<QuestionRow> questions, int firstQuestion,
                          int lastQuestion) {

        /** The id of the area's section, which the jump menu links to. */
        public String anchor() {
            return "area-" + number;
        }
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
        return switch (field) {
            case "notes", "reflection", "durationMinutes", "childExperienceWords", "transcript", "note" -> field;
            case "childExperience" -> "childExperience";
            case "reflection.learnt", "reflection.surprised", "reflection.change" -> field.replace('.', '-');
            default -> null;
        };
    }

    static List<AreaRow> areas(Guide guide, InterviewForm form, List<FieldProblem> problems, MessageSource messages,
                               Locale locale, int age, String language) {
        var errors = new LinkedHashMap<String, String>();
        problems.forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        var number = 0;
        var areas = new ArrayList<AreaRow>();
        for (var area : guide.areas()) {
            var first = number + 1;
            var rows = new ArrayList<QuestionRow>();
            for (var question : area.questions()) {
                rows.add(row(question, ++number, form, errors, messages, locale, age, language));
            }
            areas.add(new AreaRow(areas.size() + 1, area.title(), area.intro(), rows, first, number));
        }
        return areas;
    }

    /** The number each question has in the form (1, 2, … through all areas), by question id. */
    static Map<Long, Integer> questionNumbers(Guide guide) {
        var numbers = new LinkedHashMap<Long, Integer>();
        for (var area : guide.areas()) {
            for (var question : area.questions()) {
                numbers.put(question.id(), numbers.size() + 1);
            }
        }
        return numbers;
    }

    /**
     * The problems as the error summary lists them: an answer's error names its question ("Fråga 5:
     * …", "Fråga 5, barnets egna ord: …"), so that it can be found in a form of many areas.
     */
    static List<FieldProblem> named(List<FieldProblem> problems, Map<Long, Integer> numbers, MessageSource messages,
                                    Locale locale) {
        return problems.stream().map(p -> {
            var matcher = ANSWER_FIELD.matcher(p.field());
            var number = matcher.matches() ? numbers.get(Long.parseLong(matcher.group(1))) : null;
            if (number == null) {
                return p;
            }
            var key = "interview.error.question." + matcher.group(2);
            return new FieldProblem(p.field(), p.targetId(), messages.getMessage(key, new Object[] {number, p.message()}, locale));
        }).toList();
    }

    private static QuestionRow row(Question q, int number, InterviewForm form, Map<String, String> errors,
                                   MessageSource messages, Locale locale, int age, String language) {
        var answer = form.answer(q.id());
        var value = answer.value() == null ? "" : answer.value();
        var chosen = q.type() == QuestionType.MULTIPLE_CHOICE ? value.lines().map(String::strip).toList() : List.of(value);
        var options = switch (q.type()) {
            case YES_NO_DONT_KNOW -> QuestionType.YES_NO_VALUES;
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> q.options();
            case SMILEY -> QuestionType.SMILEY_VALUES;
            default -> List.<String>of();
        };
        var choices = choices("q" + q.id() + "-value", options, chosen, q.type(), messages, locale);
        var labels = choices.stream().filter(Choice::checked).map(Choice::label).toList();
        var valueLabel = labels.isEmpty() ? value : String.join(", ", labels);
        if (!choices.isEmpty() && q.type() != QuestionType.MULTIPLE_CHOICE) {
            // Without JavaScript a chosen radio button cannot be cleared, so "no answer" is a choice too.
            choices.add(new Choice("q" + q.id() + "-value-" + choices.size(), "",
                    messages.getMessage("interview.answer.none", null, locale), value.isBlank(), null));
        }
        var wording = q.wordingFor(age, language);
        var text = wording.text();
        // Only wording that really is in another language is marked as such: a Swedish fallback
        // marked lang="ar" would be read aloud with an Arabic voice.
        var translated = !text.equals(q.text());
        var lang = "sv".equals(wording.language()) ? null : wording.language();
        var prefix = "answers[" + q.id() + "].";
        return new QuestionRow(q.id(), number, q.type(), text, lang, lang != null && RIGHT_TO_LEFT.contains(lang) ? "rtl" : null,
                translated ? q.text() : null, blankToNull(q.interviewerPrompt()), choices, value,
                valueLabel, answer.childWords(), answer.notes(), errors.get(prefix + "value"),
                errors.get(prefix + "childWords"), errors.get(prefix + "notes"));
    }

    /** The five smiley steps for "how was it to be interviewed", with "no answer" last. */
    static List<Choice> experience(String value, MessageSource messages, Locale locale) {
        var current = value == null ? "" : value;
        var choices = choices("childExperience", QuestionType.SMILEY_VALUES, List.of(current), QuestionType.SMILEY,
                messages, locale);
        choices.add(new Choice("childExperience-" + choices.size(), "",
                messages.getMessage("interview.answer.none", null, locale), current.isBlank(), null));
        return choices;
    }

    private static List<Choice> choices(String idPrefix, List<String> options, List<String> chosen, QuestionType type,
                                        MessageSource messages, Locale locale) {
        var choices = new ArrayList<Choice>();
        for (var option : options) {
            var label = switch (type) {
                case YES_NO_DONT_KNOW -> messages.getMessage("interview.answer." + option, null, option, locale);
                case SMILEY -> messages.getMessage("interview.smiley." + option, null, option, locale);
                default -> option;
            };
            var face = type == QuestionType.SMILEY ? FACES.get(Integer.parseInt(option) - 1) : null;
            choices.add(new Choice(idPrefix + (choices.isEmpty() ? "" : "-" + choices.size()), option, label,
                    chosen.contains(option), face));
        }
        return choices;
    }

    static String join(String... ids) {
        var joined = String.join(" ", java.util.Arrays.stream(ids).filter(id -> id != null).toList());
        return joined.isEmpty() ? null : joined;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
