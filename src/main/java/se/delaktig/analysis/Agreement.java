package se.delaktig.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Agreement between coders on nominal judgements: percentage agreement, Cohen's kappa and
 * Krippendorff's alpha, each with a plain-language Swedish reading for a team that is not made of
 * statisticians. Pure calculation, no Spring, so the numbers can be checked against published worked
 * examples in unit tests.
 *
 * <p>A value of {@code null} in the input means "this coder did not judge this unit" (missing). A
 * statistic that cannot be computed (for example kappa when neither coder varied) is {@code null} in
 * the output, never NaN, and its reading says why.
 */
public final class Agreement {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    private Agreement() {
    }

    /** One statistic; {@code value} is null when it cannot be computed, and the reading says why. */
    public record Statistic(Double value, String reading) {

        public boolean defined() {
            return value != null;
        }
    }

    /**
     * Agreement of two coders on a set of units. {@code pairable} is the number of units both coders
     * judged; the statistics are computed over those.
     */
    public record Result(int units, int pairable, int agreements, Statistic percentAgreement, Statistic cohensKappa,
                         Statistic krippendorffsAlpha) {
    }

    /** Agreement on one code: did both coders apply it to the same units? */
    public record CodeAgreement(String code, Result result) {
    }

    /** Per code, and overall with every (unit, code) decision pooled. */
    public record Report(List<CodeAgreement> perCode, Result overall) {
    }

    /**
     * Two coders' nominal values for the same units, in the same order. {@code null} means missing.
     *
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static Result twoCoders(List<?> first, List<?> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("Both coders must have a value (or null) for every unit: "
                    + first.size() + " and " + second.size());
        }
        var firstValues = new ArrayList<Object>();
        var secondValues = new ArrayList<Object>();
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i) != null && second.get(i) != null) {
                firstValues.add(first.get(i));
                secondValues.add(second.get(i));
            }
        }
        int pairable = firstValues.size();
        int agreements = 0;
        for (int i = 0; i < pairable; i++) {
            if (Objects.equals(firstValues.get(i), secondValues.get(i))) {
                agreements++;
            }
        }
        var units = new ArrayList<List<Object>>();
        for (int i = 0; i < first.size(); i++) {
            var unit = new ArrayList<Object>(2);
            unit.add(first.get(i));
            unit.add(second.get(i));
            units.add(unit);
        }
        Double percent = pairable == 0 ? null : 100.0 * agreements / pairable;
        return new Result(first.size(), pairable, agreements,
                new Statistic(percent, percentReading(percent, agreements, pairable)),
                kappa(firstValues, secondValues),
                alphaStatistic(krippendorffsAlpha(units)));
    }

    /**
     * One code: for each unit, whether each coder applied it. Every unit counts as judged by both (a
     * coder who read the unit and did not apply the code said "not this code").
     */
    public static <U> Result binary(Collection<U> units, Set<U> firstApplied, Set<U> secondApplied) {
        var first = new ArrayList<Boolean>(units.size());
        var second = new ArrayList<Boolean>(units.size());
        for (U unit : units) {
            first.add(firstApplied.contains(unit));
            second.add(secondApplied.contains(unit));
        }
        return twoCoders(first, second);
    }

    /**
     * Per code and overall. The overall figures pool every (unit, code) decision of both coders, the
     * usual way qualitative-analysis tools summarise agreement over a whole codebook.
     *
     * @param codes the codes in the order they should be reported; codes neither coder used are included
     */
    public static <U> Report perCode(Collection<U> units, Collection<String> codes, Map<String, Set<U>> firstByCode,
                                     Map<String, Set<U>> secondByCode) {
        var perCode = new ArrayList<CodeAgreement>();
        var pooledFirst = new ArrayList<Boolean>();
        var pooledSecond = new ArrayList<Boolean>();
        for (String code : codes) {
            var first = firstByCode.getOrDefault(code, Set.of());
            var second = secondByCode.getOrDefault(code, Set.of());
            perCode.add(new CodeAgreement(code, binary(units, first, second)));
            for (U unit : units) {
                pooledFirst.add(first.contains(unit));
                pooledSecond.add(second.contains(unit));
            }
        }
        return new Report(List.copyOf(perCode), twoCoders(pooledFirst, pooledSecond));
    }

    /**
     * Krippendorff's alpha for nominal data, any number of coders, missing values allowed (the general
     * form of Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C). Each inner
     * list is one unit's values, one per coder, {@code null} when that coder did not judge the unit.
     * Units with fewer than two values are not pairable and are left out.
     *
     * @return alpha, or null when it is undefined (fewer than two pairable values, or only one value used
     *         throughout, so there is no expected disagreement to compare with)
     */
    public static Double krippendorffsAlpha(List<? extends List<?>> units) {
        // The coincidence matrix, kept as "disagreeing coincidences" plus the value totals, which is all
        // the nominal metric needs.
        var totals = new LinkedHashMap<Object, Double>();
        double disagreeing = 0;
        double n = 0;
        for (List<?> unit : units) {
            var values = unit.stream().filter(Objects::nonNull).toList();
            int m = values.size();
            if (m < 2) {
                continue;
            }
            var counts = new HashMap<Object, Integer>();
            values.forEach(v -> counts.merge(v, 1, Integer::sum));
            // Each ordered pair of values from different coders adds 1/(m-1) to o_ck.
            for (var c : counts.entrySet()) {
                totals.merge(c.getKey(), (double) c.getValue(), Double::sum);
                disagreeing += (double) c.getValue() * (m - c.getValue()) / (m - 1);
            }
            n += m;
        }
        if (n < 2) {
            return null;
        }
        double expectedPairs = n * n - totals.values().stream().mapToDouble(t -> t * t).sum();
        if (expectedPairs == 0) {
            return null;
        }
        // alpha = 1 - Do/De = 1 - (n - 1) * sum_{c!=k} o_ck / sum_{c!=k} n_c * n_k
        return 1 - (n - 1) * disagreeing / expectedPairs;
    }

    private static Statistic kappa(List<Object> first, List<Object> second) {
        int n = first.size();
        if (n == 0) {
            return new Statistic(null, "Kan inte beräknas: det finns inga enheter som båda har kodat.");
        }
        var firstMargins = new HashMap<Object, Integer>();
        var secondMargins = new HashMap<Object, Integer>();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            firstMargins.merge(first.get(i), 1, Integer::sum);
            secondMargins.merge(second.get(i), 1, Integer::sum);
            if (Objects.equals(first.get(i), second.get(i))) {
                agree++;
            }
        }
        double observed = (double) agree / n;
        double expected = 0;
        for (var e : firstMargins.entrySet()) {
            expected += ((double) e.getValue() / n) * ((double) secondMargins.getOrDefault(e.getKey(), 0) / n);
        }
        if (expected >= 1.0) {
            return new Statistic(null, "Kan inte beräknas: båda kodarna gav samma svar på alla enheter, så det "
                    + "finns ingen variation att jämföra med slumpen. Titta på överensstämmelsen i procent i stället.");
        }
        double kappa = (observed - expected) / (1 - expected);
        return new Statistic(kappa, kappaReading(kappa));
    }

    /** Kappa in words, on the one scale kappa and alpha share ({@link AgreementBand}). */
    static String kappaReading(double kappa) {
        return AgreementBand.of(kappa).swedishReading("Kappa", format(kappa));
    }

    /** Alpha in words, on the same scale as kappa. */
    static String alphaReading(double alpha) {
        return AgreementBand.of(alpha).swedishReading("Alfa", format(alpha));
    }

    private static Statistic alphaStatistic(Double alpha) {
        if (alpha == null) {
            return new Statistic(null, "Kan inte beräknas: kodarna använde bara ett och samma värde (eller för få "
                    + "enheter är kodade av båda), så det finns ingen variation att mäta överensstämmelse mot.");
        }
        return new Statistic(alpha, alphaReading(alpha));
    }

    private static String percentReading(Double percent, int agreements, int pairable) {
        if (percent == null) {
            return "Kan inte beräknas: det finns inga enheter som båda har kodat.";
        }
        return "Kodarna var överens om " + agreements + " av " + pairable + " enheter ("
                + String.format(SWEDISH, "%.0f", percent) + " %). Måttet räknar inte bort överensstämmelse som "
                + "uppstår av en slump.";
    }

    private static String format(double value) {
        return String.format(SWEDISH, "%.2f", value);
    }
}
