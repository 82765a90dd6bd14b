package se.delaktig.seminar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.CountSentences;
import se.delaktig.analysis.NumberWords;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.QuestionType;
import se.delaktig.organization.StaffMember;
import se.delaktig.round.RoundService;

/**
 * The seminar's agenda, generated from the analysis: an opening (round, date, participants, how far
 * the reading has come), then per guide area its main themes with how many children each covers,
 * one or two approved quotes, the key counts and the proposals made so far, and last the ranking.
 * Only approved quotes reach it. Everyone who may see the round's seminar may read it.
 */
@Service
@Transactional
public class Agendas {

    /** Themes per area. */
    public static final int THEMES = 3;
    /** Approved quotes per area. */
    public static final int QUOTES = 2;
    /** Count sentences per area. */
    public static final int COUNTS = 3;

    /** The agenda; {@code heldOn} is null until the seminar has a date. */
    public record Agenda(long roundId, String roundTitle, LocalDate heldOn, List<String> participants,
                         Seminars.ReadingSummary reading, ReadingWords readingWords, List<AreaItem> areas,
                         List<Seminars.Proposal> otherProposals, int proposalCount) {
    }

    /** The reading status in words, as the agenda's sentence wants them ("Två av fyra deltagare …"). */
    public record ReadingWords(String finished, String participants, String interviews) {
    }

    /** One area of the guide on the agenda. */
    public record AreaItem(String code, String title, List<Theme> themes, List<Quote> quotes, List<String> counts,
                           List<Seminars.Proposal> proposals) {
    }

    /** A main theme: a code and how many children it covers, in words ("fem av åtta barn"). */
    public record Theme(long codeId, String name, int children, String share) {
    }

    /** An approved quote and the theme it was marked from. */
    public record Quote(long id, String text, String theme) {
    }

    /** A number as a word for a noun of common gender ("en deltagare", not "ett"). */
    static String common(int n, Locale locale) {
        return n == 1 && !"en".equals(locale.getLanguage()) ? "en" : NumberWords.of(n, locale);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private final Seminars seminars;
    private final RoundService rounds;
    private final AuditLog audit;

    Agendas(Seminars seminars, RoundService rounds, AuditLog audit) {
        this.seminars = seminars;
        this.rounds = rounds;
        this.audit = audit;
    }

    /** The agenda in the current person's language. */
    public Agenda agenda(long roundId) {
        return agenda(roundId, LocaleContextHolder.getLocale());
    }

    /** The agenda with its sentences in the given language. */
    public Agenda agenda(long roundId, Locale locale) {
        var round = rounds.get(roundId);
        var previous = LocaleContextHolder.getLocale();
        LocaleContextHolder.setLocale(locale);
        try {
            var record = seminars.record(roundId);
            var analysis = seminars.analysis(round);
            var proposals = seminars.proposals(roundId).items();
            var english = "en".equals(locale.getLanguage());
            var total = analysis.total();
            var roundCounts = analysis.counts();
            var areas = new ArrayList<AreaItem>();
            for (var area : seminars.areas(roundId)) {
                var themes = analysis.codes().stream()
                        .filter(Code::active)
                        .filter(c -> area.code().equals(analysis.areaOf(c)))
                        .filter(c -> analysis.children().getOrDefault(c.id(), 0) > 0)
                        .sorted(Comparator.comparingInt((Code c) -> analysis.children().getOrDefault(c.id(), 0)).reversed())
                        .limit(THEMES)
                        .map(c -> {
                            int children = Math.min(analysis.children().getOrDefault(c.id(), 0), total);
                            return new Theme(c.id(), c.name(), children, CountSentences.share(children, total, english));
                        })
                        .toList();
                var themeIds = themes.stream().map(Theme::codeId).collect(Collectors.toSet());
                // Quotes of the main themes first, then any other approved quote of the area.
                var quotes = analysis.quotes().values().stream()
                        .filter(q -> area.code().equals(q.areaCode()))
                        .sorted(Comparator.comparing(q -> themeIds.contains(q.codeId()) ? 0 : 1))
                        .limit(QUOTES)
                        .map(q -> new Quote(q.id(), q.text(), q.codeName()))
                        .toList();
                var counts = total == 0 ? List.<String>of() : roundCounts.areas().stream()
                        .filter(a -> a.code().equals(area.code()))
                        .flatMap(a -> a.questions().stream())
                        .filter(q -> q.type() != QuestionType.FREE_TEXT && q.answered() > 0)
                        .limit(COUNTS)
                        .map(q -> q.sentence())
                        .toList();
                var ofArea = proposals.stream().filter(p -> area.code().equals(p.areaCode())).toList();
                areas.add(new AreaItem(area.code(), area.title(), themes, quotes, counts, ofArea));
            }
            var codes = areas.stream().map(AreaItem::code).collect(Collectors.toSet());
            var others = proposals.stream().filter(p -> p.areaCode() == null || !codes.contains(p.areaCode())).toList();
            var reading = seminars.readingSummary(roundId);
            audit.success("READ_AGENDA", "seminar", roundId, round.unitId());
            return new Agenda(roundId, round.title(), record.heldOn(),
                    record.participants().stream().map(StaffMember::displayName).toList(),
                    reading, new ReadingWords(capitalized(common(reading.finished(), locale)),
                            common(reading.participants(), locale), common(reading.interviews(), locale)),
                    List.copyOf(areas), others, proposals.size());
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
    }
}
