package se.delaktig.round;

import java.util.List;

/**
 * The languages a process lead can choose for a child, as ISO 639 codes: Swedish and English first,
 * then the languages most often spoken by children in Swedish social services, and the national
 * minority languages. Names come from the message bundles ({@code language.<code>}). A child's
 * stored language is any two- or three-letter code, so a language can be added here without a
 * migration.
 */
public final class Languages {

    public static final List<String> CODES = List.of(
            "sv", "en", "ar", "so", "ti", "fa", "prs", "ps", "ku", "am", "tr", "bs", "sq", "ru", "uk", "pl", "ro",
            "es", "fr", "de", "th", "zh", "fi", "se", "fit", "rom", "yi");

    private Languages() {
    }

    /** The message key of a language's name. */
    public static String messageKey(String code) {
        return "language." + code;
    }
}
