package se.delaktig.analysis;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * The plain-language readings of {@link Agreement} in the person's language. The Swedish bundle holds
 * Agreement's own wording (a test keeps the two identical); kappa and alpha share one scale,
 * {@link AgreementBand}, so the same strength has the same word on every page.
 */
final class AgreementReadings {

    private AgreementReadings() {
    }

    static AgreementReport.Figure percent(Agreement.Result result, MessageSource messages, Locale locale) {
        var percent = result.percentAgreement().value();
        if (percent == null) {
            return new AgreementReport.Figure("–", messages.getMessage("agreement.reading.noUnits", null, locale), false, null);
        }
        var rounded = String.format(locale, "%.0f", percent);
        return new AgreementReport.Figure(rounded + " %", messages.getMessage("agreement.reading.percent",
                new Object[]{String.valueOf(result.agreements()), String.valueOf(result.pairable()), rounded}, locale), true, null);
    }

    static AgreementReport.Figure kappa(Agreement.Result result, MessageSource messages, Locale locale) {
        var kappa = result.cohensKappa().value();
        if (kappa == null) {
            var key = result.pairable() == 0 ? "agreement.reading.noUnits" : "agreement.reading.kappa.undefined";
            return new AgreementReport.Figure("–", messages.getMessage(key, null, locale), false, null);
        }
        return banded("kappa", kappa, messages, locale);
    }

    static AgreementReport.Figure alpha(Agreement.Result result, MessageSource messages, Locale locale) {
        var alpha = result.krippendorffsAlpha().value();
        if (alpha == null) {
            return new AgreementReport.Figure("–", messages.getMessage("agreement.reading.alpha.undefined", null, locale), false, null);
        }
        return banded("alpha", alpha, messages, locale);
    }

    /** Kappa and alpha read on one scale, with the same words: "Alfa 0,55: måttlig överensstämmelse. …". */
    private static AgreementReport.Figure banded(String measure, double number, MessageSource messages, Locale locale) {
        var band = AgreementBand.of(number);
        var value = format(number, locale);
        var name = messages.getMessage("agreement.reading.name." + measure, null, locale);
        return new AgreementReport.Figure(value, messages.getMessage(band.readingKey(), new Object[]{name, value}, locale),
                true, band.word(locale));
    }

    static String format(double value, Locale locale) {
        return String.format(locale, "%.2f", value);
    }
}
