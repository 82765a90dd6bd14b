package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.analysis.RoundCounts.Breakdown;
import se.delaktig.analysis.RoundCounts.Cell;
import se.delaktig.analysis.RoundCounts.QuestionCounts;
import se.delaktig.analysis.UnitTrends.AreaTrend;
import se.delaktig.analysis.UnitTrends.GroupChoice;
import se.delaktig.analysis.UnitTrends.Option;
import se.delaktig.analysis.UnitTrends.QuestionTrend;
import se.delaktig.analysis.UnitTrends.RoundAnswer;
import se.delaktig.analysis.UnitTrends.RoundChoice;
import se.delaktig.analysis.UnitTrends.RoundColumn;
import se.delaktig.analysis.UnitTrends.Share;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.QuestionType;
import se.delaktig.organization.Municipality;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.Unit;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * A unit's rounds compared over the years, question by question, matched by the questions' stable
 * keys. Seen by the unit's process leads, unit managers and interviewers; for everyone else, and for
 * a unit that does not exist, it is a 404.
 *
 * <p>Small numbers: each round's distribution is that round's whole-round result, the numbers its
 * counts page and its memo already publish ("tre svarar nej"), so it is shown as it is – hiding it
 * here would protect nobody and contradict the round's own sentence. What narrows below a whole
 * round is the comparison of one group of children; those numbers are taken, cell by cell, from
 * the round's breakdown after {@link SmallNumbers#breakdown}, the decision the counts page shows;
 * where the counts page withholds a breakdown, so does this page. The trends page therefore shows a
 * subset of what the rounds' counts pages show, and what they show is safe against a reader who
 * reads all of it. No linear relation ties one round's numbers to another's.
 */
@Service
@Transactional(readOnly = true)
public class Trends {

    /** The first step at which a round's results are compared; closed rounds come after it. */
    static final Stage FIRST_STAGE = Stage.ANALYSIS;

    private static final String UNANSWERED = "UNANSWERED";
    private static final String RECORD = "trends";

    /** The groups a comparison can be narrowed to, as {@link Counts} forms them. */
    private static final Map<Counts.Dimension, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        for (var dimension : Counts.Dimension.values()) {
            GROUPS.put(dimension, Counts.groupsOf(dimension));
        }
    }

    private final Counts counts;
    private final RoundService rounds;
    private final Organization organization;
    private final CurrentActor currentActor;
    private final AuditLog audit;
    private final MessageSource messages;

    Trends(Counts counts, RoundService rounds, Organization organization, CurrentActor currentActor, AuditLog audit,
           MessageSource messages) {
        this.counts = counts;
        this.rounds = rounds;
        this.organization = organization;
        this.currentActor = currentActor;
        this.audit = audit;
        this.messages = messages;
    }

    /**
     * The comparison.
     *
     * @param roundIds the rounds to compare; null for every round that can be compared
     * @param group    e.g. {@code GENDER:GIRL} to compare one group of children; null or blank for whole rounds
     * @throws InvalidInputException {@code rounds}: none picked or one that is not the unit's;
     *                               {@code group}: not a known group
     */
    public UnitTrends forUnit(long unitId, List<Long> roundIds, String group, Locale locale) {
        var unit = readable(unitId);
        var chosenGroup = group(group, locale);
        var eligible = eligible(unit, locale);
        if (roundIds != null) {
            if (roundIds.isEmpty()) {
                throw new InvalidInputException("rounds", "trends.rounds.none");
            }
            var known = eligible.stream().map(RoundCounts::roundId).toList();
            for (var id : roundIds) {
                if (id == null || !known.contains(id)) {
                    throw new InvalidInputException("rounds", "trends.rounds.unknown");
                }
            }
        }
        var picked = eligible.stream().filter(r -> roundIds == null || roundIds.contains(r.roundId())).toList();
        audit.success("READ", RECORD, "unit:" + unit.id(), unit.id());
        return new UnitTrends(unit.id(), unit.fullName(), threshold(unit), choices(eligible, picked, locale),
                picked.stream().map(r -> new RoundColumn(r.roundId(), r.roundTitle(), r.guideLabel(), r.completedInterviews()))
                        .toList(),
                chosenGroup, groups(locale), areas(picked, chosenGroup, locale));
    }

    /** The rounds and groups to choose from, for a form that was sent with a mistake. */
    public UnitTrends choices(long unitId, Locale locale) {
        var unit = readable(unitId);
        var eligible = eligible(unit, locale);
        return new UnitTrends(unit.id(), unit.fullName(), threshold(unit), choices(eligible, List.of(), locale),
                List.of(), null, groups(locale), List.of());
    }

    // -------------------------------------------------------------------------------------------

    private Unit readable(long unitId) {
        var unit = organization.unit(unitId);
        if (unit.isEmpty() || !currentActor.get().hasAny(unitId, Role.PROCESS_LEAD, Role.UNIT_MANAGER, Role.INTERVIEWER)) {
            audit.record("READ", RECORD, "unit:" + unitId, unit.map(Unit::id).orElse(null), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return unit.get();
    }

    private int threshold(Unit unit) {
        return organization.municipality(unit.municipalityId()).map(Municipality::suppressionThreshold)
                .orElse(SmallNumbers.DEFAULT_THRESHOLD);
    }

    /** The unit's rounds at analysis or later with completed interviews, counted, oldest first. */
    private List<RoundCounts> eligible(Unit unit, Locale locale) {
        return rounds.visible().stream()
                .filter(r -> r.unitId() == unit.id() && !FIRST_STAGE.isAfter(r.stage()))
                .sorted(Comparator.comparing(Round::periodStart).thenComparing(Round::id))
                .map(r -> counts.forRound(r.id(), locale))
                .filter(c -> c.completedInterviews() > 0)
                .toList();
    }

    private List<RoundChoice> choices(List<RoundCounts> eligible, List<RoundCounts> picked, Locale locale) {
        var pickedIds = picked.stream().map(RoundCounts::roundId).toList();
        return eligible.stream().map(c -> {
            var round = rounds.get(c.roundId());
            return new RoundChoice(round.id(), round.title(), round.periodStart(), round.periodEnd(),
                    messages.getMessage(round.stage().messageKey(), null, round.stage().name(), locale),
                    c.completedInterviews(), pickedIds.contains(round.id()));
        }).toList();
    }

    private List<GroupChoice> groups(Locale locale) {
        var result = new ArrayList<GroupChoice>();
        GROUPS.forEach((dimension, values) -> values.forEach(value -> result.add(groupChoice(dimension, value, locale))));
        return List.copyOf(result);
    }

    private GroupChoice groupChoice(Counts.Dimension dimension, String value, Locale locale) {
        var key = "analysis.breakdown." + dimension.name();
        return new GroupChoice(dimension.name() + ":" + value, dimension.name(),
                messages.getMessage(key, null, dimension.name(), locale),
                messages.getMessage(key + "." + value, null, value, locale));
    }

    private GroupChoice group(String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var parts = raw.strip().split(":", 2);
        for (var entry : GROUPS.entrySet()) {
            if (parts.length == 2 && entry.getKey().name().equals(parts[0]) && entry.getValue().contains(parts[1])) {
                return groupChoice(entry.getKey(), parts[1], locale);
            }
        }
        throw new InvalidInputException("group", "trends.group.unknown");
    }

    private record Located(String areaCode, String areaTitle, QuestionCounts question) {
    }

    private List<AreaTrend> areas(List<RoundCounts> picked, GroupChoice group, Locale locale) {
        // Keys in the newest guide's order, then keys only older guides had, in their order.
        var keyOrder = new ArrayList<String>();
        var areaOf = new LinkedHashMap<String, Located>();
        var byRound = new ArrayList<Map<String, QuestionCounts>>();
        for (var round : picked) {
            var questions = new LinkedHashMap<String, QuestionCounts>();
            round.areas().forEach(area -> area.questions().forEach(q -> questions.put(q.key(), q)));
            byRound.add(questions);
        }
        for (int i = picked.size() - 1; i >= 0; i--) {
            for (var area : picked.get(i).areas()) {
                for (var q : area.questions()) {
                    if (!areaOf.containsKey(q.key())) {
                        areaOf.put(q.key(), new Located(area.code(), area.title(), q));
                        keyOrder.add(q.key());
                    }
                }
            }
        }
        var areas = new LinkedHashMap<String, List<QuestionTrend>>();
        var titles = new LinkedHashMap<String, String>();
        for (var key : keyOrder) {
            var located = areaOf.get(key);
            titles.putIfAbsent(located.areaCode(), located.areaTitle());
            areas.computeIfAbsent(located.areaCode(), c -> new ArrayList<>())
                    .add(question(key, located.question(), picked, byRound, group, locale));
        }
        return areas.entrySet().stream()
                .map(e -> new AreaTrend(e.getKey(), titles.get(e.getKey()), List.copyOf(e.getValue()))).toList();
    }

    private QuestionTrend question(String key, QuestionCounts newest, List<RoundCounts> picked,
                                   List<Map<String, QuestionCounts>> byRound, GroupChoice group, Locale locale) {
        var options = options(newest, byRound, key, locale);
        var main = mainOption(newest, options);
        var answers = new ArrayList<RoundAnswer>();
        for (int i = 0; i < picked.size(); i++) {
            var round = picked.get(i);
            var q = byRound.get(i).get(key);
            if (q == null) {
                answers.add(new RoundAnswer(round.roundId(), false, message("trends.notAsked", locale), null, false,
                        null, List.of(), null, null));
                continue;
            }
            var reworded = !Objects.equals(q.text(), newest.text());
            answers.add(group == null ? whole(round, q, options, main, reworded)
                    : narrowed(round, q, options, main, reworded, group, locale));
        }
        return new QuestionTrend(key, newest.type(), newest.text(), options, main, List.copyOf(answers));
    }

    /** The answers compared: the newest round's options first, then any older ones, "no answer" last. */
    private static List<Option> options(QuestionCounts newest, List<Map<String, QuestionCounts>> byRound, String key,
                                        Locale locale) {
        var options = new LinkedHashMap<String, String>();
        newest.distribution().forEach(c -> options.put(c.value(), c.label()));
        var unanswered = false;
        for (var questions : byRound) {
            var q = questions.get(key);
            if (q == null) {
                continue;
            }
            q.distribution().forEach(c -> options.putIfAbsent(c.value(), c.label()));
            unanswered |= q.unanswered() > 0;
        }
        var result = new ArrayList<Option>();
        options.forEach((value, label) -> result.add(new Option(value, label)));
        if (newest.type() == QuestionType.NUMBER) {
            result.sort(Comparator.comparingInt(o -> Integer.parseInt(o.value())));
        }
        if (unanswered) {
            result.add(new Option(UNANSWERED, CountSentences.unansweredLabel(locale)));
        }
        return List.copyOf(result);
    }

    /** "Ja" for yes/no questions; otherwise the newest round's most common answer (ties: the guide's order). */
    private static Option mainOption(QuestionCounts newest, List<Option> options) {
        String value;
        if (newest.type() == QuestionType.YES_NO_DONT_KNOW) {
            value = "YES";
        } else {
            value = newest.distribution().stream().max(Comparator.comparingInt(Cell::count)
                            .thenComparing(Comparator.comparingInt((Cell c) -> newest.distribution().indexOf(c)).reversed()))
                    .map(Cell::value).orElse(null);
        }
        return options.stream().filter(o -> o.value().equals(value)).findFirst()
                .orElse(options.isEmpty() ? null : options.get(0));
    }

    /** A whole round: its published distribution, unsuppressed, as on its counts page. */
    private static RoundAnswer whole(RoundCounts round, QuestionCounts q, List<Option> options, Option main,
                                     boolean reworded) {
        var total = round.completedInterviews();
        var shares = new ArrayList<Share>();
        for (var option : options) {
            Integer count;
            boolean offered = true;
            if (option.value().equals(UNANSWERED)) {
                count = q.unanswered();
            } else {
                var cell = q.distribution().stream().filter(c -> c.value().equals(option.value())).findFirst();
                offered = cell.isPresent() || q.type() == QuestionType.NUMBER;
                count = cell.map(Cell::count).orElse(0);
            }
            shares.add(share(option, offered, shown(count), total));
        }
        return answer(round, null, q, reworded, shown(total), shares, main);
    }

    /** One group of a round: the cells of the round's breakdown, suppressed exactly as there. */
    private RoundAnswer narrowed(RoundCounts round, QuestionCounts q, List<Option> options, Option main,
                                 boolean reworded, GroupChoice group, Locale locale) {
        var value = group.value().substring(group.dimension().length() + 1);
        var breakdown = q.breakdowns().stream().filter(b -> b.dimension().equals(group.dimension())).findFirst();
        if (breakdown.isEmpty()) {
            // A round without completed interviews has no breakdowns.
            return answer(round, message("trends.noChildrenInGroup", locale), q, reworded, null, List.of(), main);
        }
        if (breakdown.get().withheld()) {
            // The round's counts page shows no breakdown here either: its small numbers could be worked out.
            return answer(round, message("trends.groupWithheld", locale), q, reworded, null, List.of(), main);
        }
        var column = indexOf(breakdown.get(), value);
        var b = breakdown.get();
        var n = b.groups().get(column).n();
        var shares = new ArrayList<Share>();
        for (var option : options) {
            var row = b.rows().stream().filter(r -> r.value().equals(option.value())).findFirst();
            if (row.isPresent()) {
                shares.add(share(option, true, row.get().cells().get(column), n.suppressed() ? 0 : n.count()));
            } else {
                // An answer nobody in the round gave (0 by the published whole-round count), or one not offered.
                var offered = option.value().equals(UNANSWERED) || q.type() == QuestionType.NUMBER
                        || q.distribution().stream().anyMatch(c -> c.value().equals(option.value()));
                shares.add(share(option, offered, shown(0), n.suppressed() ? 0 : n.count()));
            }
        }
        return answer(round, null, q, reworded, n, shares, main);
    }

    private static int indexOf(Breakdown breakdown, String value) {
        for (int i = 0; i < breakdown.groups().size(); i++) {
            if (breakdown.groups().get(i).value().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** A share; its percent only when both the count and the number of children it is out of are shown. */
    private static Share share(Option option, boolean offered, SmallNumbers.Shown count, int outOf) {
        Integer percent = count.suppressed() || outOf <= 0 || !offered ? null
                : (int) Math.round(100.0 * count.count() / outOf);
        return new Share(option.value(), option.label(), offered, count, percent);
    }

    private static SmallNumbers.Shown shown(int count) {
        return new SmallNumbers.Shown(count, false, Integer.toString(count));
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static RoundAnswer answer(RoundCounts round, String note, QuestionCounts q, boolean reworded,
                                      SmallNumbers.Shown children, List<Share> shares, Option main) {
        var mainShare = main == null ? null
                : shares.stream().filter(s -> s.value().equals(main.value())).findFirst().orElse(null);
        return new RoundAnswer(round.roundId(), true, note, q.text(), reworded, children, List.copyOf(shares), mainShare,
                q.sentence());
    }
}
