package se.delaktig.analysis;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * The plain-language readings of {@link Agreement} in the person's language. The Swedish bundle holds
 * Agreement's own wording (a test keeps the two identical); the bands are Agreement's: Landis &amp;
 * Koch for kappa, Krippendorff's own thresholds for alpha.
 */
final class AgreementReadings {

    private AgreementReadings() {
    }

    static AgreementReport.Figure percent(Agreement.Result result, MessageSource messages, Locale locale) {
        var percent = result.percentAgreement().value();
        if (percent == null) {
            return new AgreementReport.Figure("–", messages.getMessage("agreement.reading.noUnits", null, locale), false);
        }
        var rounded = String.format(locale, "%.0f", percent);
        return new AgreementReport.Figure(rounded + " %", messages.getMessage("agreement.reading.percent",
                new Object[]{String.valueOf(result.agreements()), String.valueOf(result.pairable()), rounded}, locale), true);
    }

    static AgreementReport.Figure kappa(Agreement.Result result, MessageSource messages, Locale locale) {
        var kappa = result.cohensKappa().value();
        if (kappa == null) {
            var key = result.pairable() == 0 ? "agreement.reading.noUnits" : "agreement.reading.kappa.undefined";
            return new AgreementReport.Figure("–", messages.getMessage(key, null, locale), false);
        }
        String band;
        if (kappa < 0) {
            band = "negative";
        } else if (kappa <= 0.20) {
            band = "slight";
        } else if (kappa <= 0.40) {
            band = "fair";
        } else if (kappa <= 0.60) {
            band = "moderate";
        } else if (kappa <= 0.80) {
            band = "substantial";
        } else {
            band = "almostPerfect";
        }
        var value = format(kappa, locale);
        return new AgreementReport.Figure(value, messages.getMessage("agreement.reading.kappa." + band, new Object[]{value}, locale), true);
    }

    static AgreementReport.Figure alpha(Agreement.Result result, MessageSource messages, Locale locale) {
        var alpha = result.krippendorffsAlpha().value();
        if (alpha == null) {
            return new AgreementReport.Figure("–", messages.getMessage("agreement.reading.alpha.undefined", null, locale), false);
        }
        var band = alpha >= 0.800 ? "reliable" : alpha >= 0.667 ? "tentative" : "low";
        var value = format(alpha, locale);
        return new AgreementReport.Figure(value, messages.getMessage("agreement.reading.alpha." + band, new Object[]{value}, locale), true);
    }

    static String format(double value, Locale locale) {
        return String.format(locale, "%.2f", value);
    }
}
