package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.analysis.RoundCounts.AreaCounts;
import se.delaktig.analysis.RoundCounts.Breakdown;
import se.delaktig.analysis.RoundCounts.BreakdownRow;
import se.delaktig.analysis.RoundCounts.Cell;
import se.delaktig.analysis.RoundCounts.Group;
import se.delaktig.analysis.RoundCounts.NumberSummary;
import se.delaktig.analysis.RoundCounts.QuestionCounts;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.interview.InterviewResults;
import se.delaktig.interview.InterviewResults.StructuredAnswer;
import se.delaktig.organization.Municipality;
import se.delaktig.organization.Organization;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * Counts per question over a round's completed interviews. Drafts are not counted, and a round the
 * person may not see is a 404 (both enforced by the interview and round modules). Whole-round
 * totals are shown as they are, the way memos write them; the breakdowns by age band, gender and
 * type of contact go through {@link SmallNumbers} before they leave this class.
 */
@Service
@Transactional(readOnly = true)
public class Counts {

    private final InterviewResults results;
    private final RoundService rounds;
    private final Guides guides;
    private final ParticipantService participants;
    private final Organization organization;
    private final MessageSource messages;

    Counts(InterviewResults results, RoundService rounds, Guides guides, ParticipantService participants,
           Organization organization, MessageSource messages) {
        this.results = results;
        this.rounds = rounds;
        this.guides = guides;
        this.participants = participants;
        this.organization = organization;
        this.messages = messages;
    }

    /** The suppression threshold that applies to a round: its municipality's, by default 5. */
    public int threshold(long roundId) {
        var round = rounds.get(roundId);
        return organization.unit(round.unitId())
                .flatMap(unit -> organization.municipality(unit.municipalityId()))
                .map(Municipality::suppressionThreshold)
                .orElse(SmallNumbers.DEFAULT_THRESHOLD);
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
        var threshold = threshold(roundId);
        var interviewed = new java.util.HashSet<>(results.completedParticipants(roundId));
        var children = participants.of(roundId).stream().filter(p -> interviewed.contains(p.id())).toList();
        var answerOf = new HashMap<Long, Map<Long, String>>();
        for (StructuredAnswer a : completed.answers()) {
            if (a.value() != null && !a.value().isBlank()) {
                answerOf.computeIfAbsent(a.questionId(), k -> new HashMap<>()).put(a.participantId(), a.value().trim());
            }
        }
        var counted = new ArrayList<QuestionCounts>();
        var areaQuestions = new ArrayList<List<QuestionCounts>>();
        for (var area : guide.areas()) {
            var list = new ArrayList<QuestionCounts>();
            for (var q : area.questions()) {
                var c = count(q, byQuestion.getOrDefault(q.id(), List.of()), total, locale);
                list.add(c);
                counted.add(c);
            }
            areaQuestions.add(list);
        }
        var breakdowns = breakdowns(counted, answerOf, children, threshold, locale);
        var areas = new ArrayList<AreaCounts>();
        int index = 0;
        for (int a = 0; a < guide.areas().size(); a++) {
            var area = guide.areas().get(a);
            var questions = new ArrayList<QuestionCounts>();
            for (var q : areaQuestions.get(a)) {
                questions.add(q.withBreakdowns(breakdowns.get(index++)));
            }
            areas.add(new AreaCounts(area.code(), area.title(), List.copyOf(questions)));
        }
        return new RoundCounts(round.id(), round.title(), guide.id(), guide.label(), total, List.copyOf(areas), threshold);
    }

    /** The properties children are grouped by, in the order the page shows them. */
    enum Dimension { AGE_BAND, GENDER, CONTACT_TYPE }

    private static final String UNKNOWN = "UNKNOWN";
    private static final String UNANSWERED = "UNANSWERED";

    /**
     * Every group of a property, whether it has children or not: a list of only the groups with
     * children would tell a reader that each listed group has at least one child.
     */
    static List<String> groupsOf(Dimension dimension) {
        return switch (dimension) {
            case AGE_BAND -> List.of("5-8", "9-12", "13-18");
            case GENDER -> List.of("GIRL", "BOY", "OTHER", UNKNOWN);
            case CONTACT_TYPE -> List.of("INVESTIGATION", "INTERVENTION", "PLACEMENT", UNKNOWN);
        };
    }

    /**
     * The breakdowns of every question, one list per question in {@code questions}' order. One
     * property is decided for all questions at once: they share its group sizes, so a reader reads
     * them together.
     */
    private List<List<Breakdown>> breakdowns(List<QuestionCounts> questions, Map<Long, Map<Long, String>> answerOf,
                                             List<Participant> children, int threshold, Locale locale) {
        var result = new ArrayList<List<Breakdown>>();
        questions.forEach(q -> result.add(new ArrayList<>()));
        if (children.isEmpty()) {
            return result;
        }
        for (var dimension : Dimension.values()) {
            var groupValues = groupsOf(dimension);
            var sizes = new int[groupValues.size()];
            for (var child : children) {
                sizes[groupValues.indexOf(groupOf(child, dimension))]++;
            }
            var tables = new ArrayList<SmallNumbers.Question>();
            var rowValuesOf = new ArrayList<List<String>>();
            var rowLabelsOf = new ArrayList<List<String>>();
            for (var question : questions) {
                var rowValues = new ArrayList<String>(question.distribution().stream().map(Cell::value).toList());
                var rowLabels = new ArrayList<String>(question.distribution().stream().map(Cell::label).toList());
                if (question.unanswered() > 0) {
                    rowValues.add(UNANSWERED);
                    rowLabels.add(CountSentences.unansweredLabel(locale));
                }
                var answers = answerOf.getOrDefault(question.questionId(), Map.of());
                var cells = new int[rowValues.size()][groupValues.size()];
                for (var child : children) {
                    var g = groupValues.indexOf(groupOf(child, dimension));
                    for (var row : rowsOf(question.type(), answers.get(child.id()))) {
                        var r = rowValues.indexOf(row);
                        if (r >= 0) {
                            cells[r][g]++;
                        }
                    }
                }
                var multiple = question.type() == QuestionType.MULTIPLE_CHOICE;
                tables.add(new SmallNumbers.Question(cells, multiple, multiple ? rowValues.indexOf(UNANSWERED) : -1));
                rowValuesOf.add(rowValues);
                rowLabelsOf.add(rowLabels);
            }
            var decision = SmallNumbers.breakdown(sizes, tables, threshold);
            var title = messages.getMessage("analysis.breakdown." + dimension.name(), null, locale);
            for (int q = 0; q < questions.size(); q++) {
                if (!decision.shows(q)) {
                    result.get(q).add(new Breakdown(dimension.name(), title, true,
                            messages.getMessage("analysis.breakdown.withheld", null, locale), List.of(), List.of()));
                    continue;
                }
                var groups = new ArrayList<Group>();
                for (int g = 0; g < groupValues.size(); g++) {
                    groups.add(new Group(groupValues.get(g), label(dimension, groupValues.get(g), locale),
                            SmallNumbers.Shown.of(sizes[g], decision.groupTotal(g), threshold, locale)));
                }
                var cells = tables.get(q).cells();
                var rows = new ArrayList<BreakdownRow>();
                for (int r = 0; r < cells.length; r++) {
                    var shown = new ArrayList<SmallNumbers.Shown>();
                    for (int g = 0; g < groupValues.size(); g++) {
                        shown.add(SmallNumbers.Shown.of(cells[r][g], decision.cell(q, r, g), threshold, locale));
                    }
                    rows.add(new BreakdownRow(rowValuesOf.get(q).get(r), rowLabelsOf.get(q).get(r), List.copyOf(shown)));
                }
                result.get(q).add(new Breakdown(dimension.name(), title, false, null, List.copyOf(groups), List.copyOf(rows)));
            }
        }
        return result;
    }

    private static String groupOf(Participant child, Dimension dimension) {
        return switch (dimension) {
            case AGE_BAND -> child.ageBand();
            case GENDER -> child.gender() == null ? UNKNOWN : child.gender().name();
            case CONTACT_TYPE -> child.contactType() == null ? UNKNOWN : child.contactType().name();
        };
    }

    /** The rows of a breakdown one child's answer counts in, the same way {@link #count} counts it. */
    private static List<String> rowsOf(QuestionType type, String value) {
        if (value == null || value.isBlank()) {
            return List.of(UNANSWERED);
        }
        return switch (type) {
            case MULTIPLE_CHOICE -> value.lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
            case NUMBER -> {
                try {
                    yield List.of(Integer.toString(Integer.parseInt(value)));
                } catch (NumberFormatException e) {
                    yield List.of(UNANSWERED);
                }
            }
            case FREE_TEXT -> List.of("ANSWERED");
            default -> List.of(value);
        };
    }

    private String label(Dimension dimension, String value, Locale locale) {
        return messages.getMessage("analysis.breakdown." + dimension.name() + "." + value, null, value, locale);
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
                Math.max(0, total - answered), cells, numbers, sentence, List.of());
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
