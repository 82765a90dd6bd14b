package se.delaktig.feedback;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.delaktig.analysis.ApprovedQuote;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.CountSentences;
import se.delaktig.analysis.Counts;
import se.delaktig.analysis.Quotes;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.Decisions;
import se.delaktig.guide.AgeBand;
import se.delaktig.guide.Language;

/**
 * The first words of the feedback, for the team to rewrite: per area, the themes the most children
 * spoke about with their child counts in words ("Fem av åtta barn berättade om …"); for the older
 * bands in Swedish, up to two approved quotes; and every action of an approved proposal with its
 * month. Swedish and English are written from the bundles; another language starts with the area
 * headings in Swedish and no points, for the team's translation.
 */
@Component
class Prefill {

    /** Themes per area the prefill names; the team adds more if it wants. */
    static final int THEMES_PER_AREA = 3;
    static final int MAX_QUOTES = 2;

    /** What the prefill reads from the round, once for every version. */
    record Material(int children, List<Theme> themes, List<AreaRef> areas, List<ApprovedQuote> quotes,
                    List<Deed> deeds) {
    }

    record AreaRef(String code, String name) {
    }

    record Theme(String areaCode, String name, int children) {
    }

    /** An action of an approved proposal, or the proposal itself when it has no action yet (deadline null). */
    record Deed(String text, LocalDate deadline) {
    }

    private final Codebooks codebooks;
    private final Codings codings;
    private final Counts counts;
    private final Quotes quotes;
    private final Decisions decisions;
    private final MessageSource messages;

    Prefill(Codebooks codebooks, Codings codings, Counts counts, Quotes quotes, Decisions decisions,
            MessageSource messages) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.counts = counts;
        this.quotes = quotes;
        this.decisions = decisions;
        this.messages = messages;
    }

    Material material(long roundId) {
        var codes = codebooks.codes(roundId);
        var children = codings.childrenPerCode(roundId);
        var total = counts.forRound(roundId).completedInterviews();
        var areas = new ArrayList<AreaRef>();
        var themes = new ArrayList<Theme>();
        for (var top : codes.stream().filter(Code::top).filter(Code::active).toList()) {
            if (top.areaCode() == null) {
                continue;
            }
            areas.add(new AreaRef(top.areaCode(), top.name()));
            codes.stream().filter(Code::active)
                    .filter(c -> c.id() == top.id() || c.parentId() != null && c.parentId() == top.id())
                    .map(c -> new Theme(top.areaCode(), c.name(), Math.min(total, children.getOrDefault(c.id(), 0))))
                    .filter(t -> t.children() > 0)
                    .sorted(Comparator.comparingInt(Theme::children).reversed())
                    .limit(THEMES_PER_AREA)
                    .forEach(themes::add);
        }
        var deeds = new ArrayList<Deed>();
        for (var item : decisions.forRound(roundId).proposals()) {
            if (!item.approved()) {
                continue;
            }
            if (item.actions().isEmpty()) {
                deeds.add(new Deed(item.proposal().text(), null));
            }
            item.actions().stream().filter(a -> a.status() != ActionStatus.CANCELLED)
                    .forEach(a -> deeds.add(new Deed(a.text(), a.deadline())));
        }
        return new Material(total, List.copyOf(themes), List.copyOf(areas), quotes.approved(roundId), List.copyOf(deeds));
    }

    FeedbackVersion version(Material m, AgeBand band, Language language) {
        var written = language.code().equals("sv") || language.code().equals("en");
        var locale = Locale.forLanguageTag(written ? language.code() : "sv");
        var english = language.code().equals("en");
        var said = new ArrayList<FeedbackVersion.Area>();
        for (var area : m.areas()) {
            var heading = messages.getMessage("feedback.area." + area.code(), null, area.name(), locale);
            var points = new ArrayList<String>();
            if (written && m.children() > 0) {
                m.themes().stream().filter(t -> t.areaCode().equals(area.code()))
                        .limit(band == AgeBand.AGES_5_8 ? 2 : THEMES_PER_AREA)
                        .forEach(t -> points.add(messages.getMessage("feedback.prefill.said." + band(band),
                                new Object[] {capitalize(CountSentences.share(t.children(), m.children(), english)),
                                        lowerFirst(t.name())}, locale)));
            }
            said.add(new FeedbackVersion.Area(area.code(), heading, List.copyOf(points)));
        }
        var quoted = new ArrayList<FeedbackVersion.Quote>();
        if (language.code().equals("sv") && band != AgeBand.AGES_5_8) {
            m.quotes().stream().limit(MAX_QUOTES).forEach(q -> quoted.add(new FeedbackVersion.Quote(q.id(), q.text())));
        }
        var doing = new ArrayList<String>();
        if (written) {
            for (var deed : m.deeds()) {
                var text = stripStop(deed.text());
                doing.add(deed.deadline() == null
                        ? messages.getMessage("feedback.prefill.decided", new Object[] {lowerFirst(text)}, locale)
                        : messages.getMessage("feedback.prefill.doing." + band(band),
                        new Object[] {text, when(deed.deadline(), locale)}, locale));
            }
        }
        return new FeedbackVersion(band, language.code(), language.name(), language.rightToLeft(), List.copyOf(said),
                List.copyOf(quoted), List.copyOf(doing));
    }

    /** "i oktober 2026" / "in October 2026". */
    private String when(LocalDate date, Locale locale) {
        var month = DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(date);
        return messages.getMessage("feedback.prefill.when", new Object[] {month}, locale);
    }

    static String band(AgeBand band) {
        return switch (band) {
            case AGES_5_8 -> "young";
            case AGES_9_12 -> "middle";
            case AGES_13_18 -> "teen";
        };
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "Byte av socialsekreterare" becomes "byte av socialsekreterare"; "BBIC" stays. */
    static String lowerFirst(String s) {
        if (s.length() < 2 || !Character.isUpperCase(s.charAt(0)) || Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String stripStop(String s) {
        var t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
