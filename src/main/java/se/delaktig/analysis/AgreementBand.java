package se.delaktig.analysis;

/**
 * One plain-language scale for kappa and alpha alike, so that a team reads the same word for the
 * same strength whichever measure it looks at. The cut points are those of Landis &amp; Koch (1977),
 * "The measurement of observer agreement for categorical data", Biometrics 33:159–174, with their
 * two lowest bands joined: a convention, not a law. Krippendorff's own advice (conclusions from 0.80,
 * tentative ones from about 0.67) falls inside "mycket god" and "god".
 */
public enum AgreementBand {
    WORSE_THAN_CHANCE("sämre än slumpen", "worse than chance"),
    WEAK("svag", "weak"),
    MODERATE("måttlig", "moderate"),
    GOOD("god", "good"),
    VERY_GOOD("mycket god", "very good");

    private final String swedish;
    private final String english;

    AgreementBand(String swedish, String english) {
        this.swedish = swedish;
        this.english = english;
    }

    /** The band of a kappa or an alpha. */
    public static AgreementBand of(double value) {
        if (value < 0) {
            return WORSE_THAN_CHANCE;
        }
        if (value <= 0.40) {
            return WEAK;
        }
        if (value <= 0.60) {
            return MODERATE;
        }
        if (value <= 0.80) {
            return GOOD;
        }
        return VERY_GOOD;
    }

    /** The band's word, e.g. "måttlig". */
    public String word(java.util.Locale locale) {
        return NumberWords.isEnglish(locale) ? english : swedish;
    }

    /** The message key of the band's reading, e.g. {@code agreement.reading.band.MODERATE}. */
    String readingKey() {
        return "agreement.reading.band." + name();
    }

    /** The Swedish reading of a measure in this band, e.g. "Kappa 0,55: måttlig överensstämmelse. …". */
    String swedishReading(String measure, String value) {
        return switch (this) {
            case WORSE_THAN_CHANCE -> measure + " " + value + ": sämre än slumpen. Kodarna verkar förstå koden på olika sätt – diskutera den.";
            case WEAK -> measure + " " + value + ": svag överensstämmelse. Koden behöver beskrivas tydligare; diskutera oenigheterna och koda om.";
            case MODERATE -> measure + " " + value + ": måttlig överensstämmelse. Gå igenom oenigheterna innan ni drar slutsatser.";
            case GOOD -> measure + " " + value + ": god överensstämmelse. Räcker för försiktiga slutsatser; gå igenom oenigheterna.";
            case VERY_GOOD -> measure + " " + value + ": mycket god överensstämmelse. Kodningen håller för slutsatser.";
        };
    }
}
