package se.delaktig.analysis;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import se.delaktig.analysis.RoundCounts.Cell;
import se.delaktig.analysis.RoundCounts.NumberSummary;
import se.delaktig.guide.QuestionType;

/**
 * Writes a question's counts as one or two sentences, in the style of a Swedish committee memo:
 * "Fem av åtta barn svarar ja på frågan ”…”, tre svarar nej." Counts up to twelve are words;
 * "alla åtta barn" when everyone gave the same answer. English follows the same pattern.
 */
public final class CountSentences {

    private CountSentences() {
    }

    /** The labels of the yes / no / don't know answers, as a person reads them. */
    public static String yesNoLabel(String value, Locale locale) {
        var en = NumberWords.isEnglish(locale);
        return switch (value) {
            case "YES" -> en ? "Yes" : "Ja";
            case "NO" -> en ? "No" : "Nej";
            case "DONT_KNOW" -> en ? "Don’t know" : "Vet inte";
            default -> value;
        };
    }

    /** The label of the single cell of a free-text question. */
    public static String answeredLabel(Locale locale) {
        return NumberWords.isEnglish(locale) ? "Answered" : "Har svarat";
    }

    /** The label of the row for interviews without an answer. */
    public static String unansweredLabel(Locale locale) {
        return NumberWords.isEnglish(locale) ? "No answer" : "Inget svar";
    }

    /**
     * The sentence for one question.
     *
     * @param total completed interviews of the round, the "av åtta" of the sentence
     */
    public static String sentence(QuestionType type, String questionText, int total, int answered,
                                  List<Cell> distribution, NumberSummary numbers, Locale locale) {
        var en = NumberWords.isEnglish(locale);
        if (total == 0) {
            return en ? "No interviews are completed yet." : "Ingen intervju är avslutad ännu.";
        }
        var quoted = quote(questionText, en);
        var unansweredNote = unansweredNote(total - answered, en);
        if (answered == 0) {
            return en ? "None of the children answered the question " + quoted + "."
                    : "Inget barn har svarat på frågan " + quoted + ".";
        }
        return switch (type) {
            case YES_NO_DONT_KNOW -> yesNo(quoted, total, distribution, en) + unansweredNote;
            case SINGLE_CHOICE, MULTIPLE_CHOICE, SMILEY -> singleChoice(quoted, total, distribution, en) + unansweredNote;
            case NUMBER -> number(quoted, total, answered, numbers, locale, en);
            case FREE_TEXT -> en
                    ? capitalized(share(answered, total, en)) + " answered the question " + quoted + " in their own words."
                    : capitalized(share(answered, total, en)) + " har svarat på frågan " + quoted + " med egna ord.";
        };
    }

    /**
     * "fem av åtta barn", "alla åtta barn", "båda barnen", "inget av de åtta barnen" – the subject of a memo sentence.
     * Public because the memo uses it for its own sentences too.
     */
    public static String share(int count, int total, boolean english) {
        if (english) {
            var noun = total == 1 ? "child" : "children";
            if (count == 2 && total == 2) {
                return "both children";
            }
            if (count == total && total >= 2) {
                return "all " + NumberWords.of(total, Locale.ENGLISH) + " " + noun;
            }
            if (count == 0) {
                return "none of the " + NumberWords.of(total, Locale.ENGLISH) + " " + noun;
            }
            return NumberWords.of(count, Locale.ENGLISH) + " of " + NumberWords.of(total, Locale.ENGLISH) + " " + noun;
        }
        var sv = Locale.forLanguageTag("sv");
        if (count == 2 && total == 2) {
            return "båda barnen";
        }
        if (count == total && total >= 2) {
            return "alla " + NumberWords.of(total, sv) + " barn";
        }
        if (count == 0) {
            return total == 1 ? "inget barn" : "inget av de " + NumberWords.of(total, sv) + " barnen";
        }
        return NumberWords.of(count, sv) + " av " + NumberWords.of(total, sv) + " barn";
    }

    private static String yesNo(String quoted, int total, List<Cell> cells, boolean en) {
        var yes = count(cells, "YES");
        var head = en
                ? capitalized(share(yes, total, en)) + " answered yes to the question " + quoted
                : capitalized(share(yes, total, en)) + " svarar ja på frågan " + quoted;
        var rest = new ArrayList<String>();
        var no = count(cells, "NO");
        var dontKnow = count(cells, "DONT_KNOW");
        var locale = en ? Locale.ENGLISH : Locale.forLanguageTag("sv");
        if (no > 0) {
            rest.add(NumberWords.of(no, locale) + (en ? " answered no" : " svarar nej"));
        }
        if (dontKnow > 0) {
            rest.add(NumberWords.of(dontKnow, locale) + (en ? " answered don’t know" : " svarar vet inte"));
        }
        return rest.isEmpty() ? head + "." : head + ", " + join(rest, en) + ".";
    }

    private static String singleChoice(String quoted, int total, List<Cell> cells, boolean en) {
        var locale = en ? Locale.ENGLISH : Locale.forLanguageTag("sv");
        // Most frequent answer first; ties keep the guide's order of options (the list's order).
        var given = cells.stream().filter(c -> c.count() > 0)
                .sorted(Comparator.comparingInt(Cell::count).reversed()).toList();
        var parts = new ArrayList<String>();
        for (int i = 0; i < given.size(); i++) {
            var c = given.get(i);
            var who = i == 0 ? share(c.count(), total, en) + (en ? " answered " : " ")
                    : NumberWords.of(c.count(), locale) + " ";
            parts.add(who + quote(c.label(), en));
        }
        return en ? "To the question " + quoted + ", " + join(parts, en) + "."
                : "På frågan " + quoted + " svarar " + join(parts, en) + ".";
    }

    private static String number(String quoted, int total, int answered, NumberSummary numbers, Locale locale,
                                 boolean en) {
        var head = en ? capitalized(share(answered, total, en)) + " answered the question " + quoted + "."
                : capitalized(share(answered, total, en)) + " har svarat på frågan " + quoted + ".";
        if (numbers == null) {
            return head;
        }
        var format = NumberFormat.getNumberInstance(en ? Locale.ENGLISH : Locale.forLanguageTag("sv"));
        format.setMaximumFractionDigits(1);
        var median = format.format(numbers.median());
        if (numbers.min() == numbers.max()) {
            return head + (en ? " Every answer is " + numbers.min() + "." : " Alla svar är " + numbers.min() + ".");
        }
        return head + (en
                ? " The answers range from " + numbers.min() + " to " + numbers.max() + "; the median is " + median + "."
                : " Svaren ligger mellan " + numbers.min() + " och " + numbers.max() + ", medianen är " + median + ".");
    }

    private static String unansweredNote(int unanswered, boolean en) {
        if (unanswered <= 0) {
            return "";
        }
        var locale = en ? Locale.ENGLISH : Locale.forLanguageTag("sv");
        if (en) {
            return " " + NumberWords.capitalized(unanswered, locale) + (unanswered == 1 ? " child" : " children")
                    + " did not answer.";
        }
        return " " + NumberWords.capitalized(unanswered, locale) + " barn har inte svarat.";
    }

    private static int count(List<Cell> cells, String value) {
        return cells.stream().filter(c -> c.value().equals(value)).mapToInt(Cell::count).sum();
    }

    private static String join(List<String> parts, boolean en) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + (en ? " and " : " och ") + parts.get(parts.size() - 1);
    }

    private static String quote(String text, boolean en) {
        return en ? "“" + text + "”" : "”" + text + "”";
    }

    private static String capitalized(String s) {
        return NumberWords.capitalize(s);
    }
}
