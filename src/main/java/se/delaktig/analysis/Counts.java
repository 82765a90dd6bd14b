package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.analysis.RoundCounts.AreaCounts;
import se.delaktig.analysis.RoundCounts.Cell;
import se.delaktig.analysis.RoundCounts.NumberSummary;
import se.delaktig.analysis.RoundCounts.QuestionCounts;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.interview.InterviewResults;
import se.delaktig.interview.InterviewResults.StructuredAnswer;
import se.delaktig.round.RoundService;

/**
 * Counts per question over a round's completed interviews. Drafts are not counted, and a round the
 * person may not see is a 404 (both enforced by the interview and round modules). These are
 * whole-round totals, which the memo shows as they are; nothing here breaks them down further.
 */
@Service
@Transactional(readOnly = true)
public class Counts {

    private final InterviewResults results;
    private final RoundService rounds;
    private final Guides guides;

    Counts(InterviewResults results, RoundService rounds, Guides guides) {
        this.results = results;
        this.rounds = rounds;
        this.guides = guides;
    }

    /** The counts with sentences in the current person's language. */
    public RoundCounts forRound(long roundId) {
        return forRound(roundId, LocaleContextHolder.getLocale());
    }

    /** The counts with sentences in the given language (the memo is always Swedish). */
    public RoundCounts forRound(long roundId, Locale locale) {
        var round = rounds.get(roundId);
        var completed = results.completed(roundId);
        var guide = guides.find(round.guideId()).orElseThrow(() -> new IllegalStateException(
                "Round " + roundId + " refers to guide " + round.guideId() + ", which does not exist"));
        var byQuestion = new HashMap<Long, List<String>>();
        for (StructuredAnswer a : completed.answers()) {
            if (a.value() != null && !a.value().isBlank()) {
                byQuestion.computeIfAbsent(a.questionId(), k -> new ArrayList<>()).add(a.value().trim());
            }
        }
        var total = completed.completedInterviews();
        var areas = guide.areas().stream()
                .map(area -> new AreaCounts(area.code(), area.title(), area.questions().stream()
                        .map(q -> count(q, byQuestion.getOrDefault(q.id(), List.of()), total, locale))
                        .toList()))
                .toList();
        return new RoundCounts(round.id(), round.title(), guide.id(), guide.label(), total, areas);
    }

    static QuestionCounts count(Question question, List<String> values, int total, Locale locale) {
        List<Cell> cells;
        NumberSummary numbers = null;
        int answered;
        switch (question.type()) {
            case YES_NO_DONT_KNOW -> {
                var counts = tally(QuestionType.YES_NO_VALUES, values);
                cells = counts.entrySet().stream()
                        .map(e -> new Cell(e.getKey(), CountSentences.yesNoLabel(e.getKey(), locale), e.getValue()))
                        .toList();
                answered = values.size();
            }
            case SMILEY -> {
                var counts = tally(QuestionType.SMILEY_VALUES, values);
                cells = counts.entrySet().stream().map(e -> new Cell(e.getKey(), e.getKey() + "/5", e.getValue())).toList();
                answered = values.size();
            }
            case MULTIPLE_CHOICE -> {
                // One value holds every chosen option, one per line; each option is counted once per child.
                var chosen = values.stream().flatMap(v -> v.lines().map(String::strip).filter(l -> !l.isEmpty()).distinct()).toList();
                var counts = tally(question.options(), chosen);
                cells = counts.entrySet().stream().map(e -> new Cell(e.getKey(), e.getKey(), e.getValue())).toList();
                answered = values.size();
            }
            case SINGLE_CHOICE -> {
                // A stored value that is not (or no longer) one of the options still counts, under its own text.
                var counts = tally(question.options(), values);
                cells = counts.entrySet().stream().map(e -> new Cell(e.getKey(), e.getKey(), e.getValue())).toList();
                answered = values.size();
            }
            case NUMBER -> {
                var parsed = new ArrayList<Integer>();
                for (var v : values) {
                    try {
                        parsed.add(Integer.parseInt(v));
                    } catch (NumberFormatException e) {
                        // Not a number (should not happen through the form): not counted as an answer.
                    }
                }
                var counts = new TreeMap<Integer, Integer>();
                parsed.forEach(n -> counts.merge(n, 1, Integer::sum));
                cells = counts.entrySet().stream()
                        .map(e -> new Cell(e.getKey().toString(), e.getKey().toString(), e.getValue())).toList();
                numbers = parsed.isEmpty() ? null : summary(parsed);
                answered = parsed.size();
            }
            case FREE_TEXT -> {
                // Only how many answered: the words themselves never leave the interview module here.
                answered = values.size();
                cells = List.of(new Cell("ANSWERED", CountSentences.answeredLabel(locale), answered));
            }
            default -> throw new IllegalStateException("Unknown question type " + question.type());
        }
        var sentence = CountSentences.sentence(question.type(), question.text(), total, answered, cells, numbers, locale);
        return new QuestionCounts(question.id(), question.key(), question.type(), question.text(), answered,
                Math.max(0, total - answered), cells, numbers, sentence);
    }

    private static Map<String, Integer> tally(List<String> known, List<String> values) {
        var counts = new LinkedHashMap<String, Integer>();
        known.forEach(k -> counts.put(k, 0));
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    static NumberSummary summary(List<Integer> numbers) {
        var sorted = numbers.stream().sorted().toList();
        var n = sorted.size();
        var median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return new NumberSummary(sorted.get(0), median, sorted.get(n - 1));
    }
}
