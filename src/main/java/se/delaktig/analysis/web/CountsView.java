package se.delaktig.analysis.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import se.delaktig.analysis.RoundCounts;
import se.delaktig.analysis.RoundCounts.AreaCounts;
import se.delaktig.analysis.RoundCounts.Breakdown;

/**
 * What the counts page shows of a round's counts: the areas chosen, how each question is presented
 * first, and the properties that are too thin to break down at all.
 *
 * <p>A property is "too few" when every group of it is shown as "färre än 5" wherever it is broken
 * down: then every cell is too (a cell never holds more children than its group), and a table would
 * only repeat "färre än 5". The page says so once instead. The decision is made from the published
 * counts alone, so the sentence tells a reader nothing a table would not.
 *
 * @param areas      the areas shown (all, or the one chosen)
 * @param area       the chosen area's code, or null for all
 * @param tables     true when the tables are shown first, false for the charts
 * @param tooFew     the properties (AGE_BAND, …) too thin to break down, with their titles, in page order
 */
record CountsView(List<AreaCounts> areas, String area, boolean tables, Map<String, String> tooFew) {

    static final String TABLE = "table";

    static CountsView of(RoundCounts counts, String area, String view) {
        var chosen = counts.areas().stream().filter(a -> a.code().equals(area)).toList();
        return new CountsView(chosen.isEmpty() ? counts.areas() : chosen, chosen.isEmpty() ? null : area,
                TABLE.equals(view), tooFew(counts));
    }

    /** True when this breakdown of a question is left out because its property is too thin. */
    public boolean leftOut(Breakdown breakdown) {
        return tooFew.containsKey(breakdown.dimension());
    }

    /** True when a question has a breakdown the page shows (a table or a "not shown" note). */
    public boolean anyShown(List<Breakdown> breakdowns) {
        return breakdowns.stream().anyMatch(b -> !leftOut(b));
    }

    /** The titles of the breakdowns of a question the page shows, as one phrase: "kön och typ av kontakt". */
    public String shownPhrase(List<Breakdown> breakdowns, String and) {
        return phrase(breakdowns.stream().filter(b -> !leftOut(b)).map(Breakdown::title).toList(), and);
    }

    static String phrase(List<String> titles, String conjunction) {
        if (titles.size() <= 1) {
            return String.join("", titles);
        }
        return String.join(", ", titles.subList(0, titles.size() - 1)) + " " + conjunction + " " + titles.get(titles.size() - 1);
    }

    /** The titles of the properties too thin to break down as one phrase: "ålder, kön eller typ av kontakt". */
    public String tooFewPhrase(String or) {
        return phrase(new ArrayList<>(tooFew.values()), or);
    }

    static Map<String, String> tooFew(RoundCounts counts) {
        var shown = new LinkedHashMap<String, List<Breakdown>>();
        counts.areas().forEach(a -> a.questions().forEach(q -> q.breakdowns().forEach(b ->
                shown.computeIfAbsent(b.dimension(), d -> new ArrayList<>()).add(b))));
        var result = new LinkedHashMap<String, String>();
        shown.forEach((dimension, breakdowns) -> {
            var published = breakdowns.stream().filter(b -> !b.withheld()).toList();
            // A property withheld everywhere published nothing about its groups: saying "too few" would.
            if (!published.isEmpty() && published.stream().allMatch(CountsView::everyNumberSuppressed)) {
                result.put(dimension, published.get(0).title());
            }
        });
        return java.util.Collections.unmodifiableMap(result);
    }

    private static boolean everyNumberSuppressed(Breakdown b) {
        return b.groups().stream().allMatch(g -> g.n().suppressed())
                && b.rows().stream().allMatch(r -> r.cells().stream().allMatch(c -> c.suppressed()));
    }
}
