package se.delaktig.analysis;

/**
 * Something in a quote that could identify a person, found by the de-identification check.
 *
 * @param start offset of the first character in the text
 * @param end   offset after the last character ({@code end} exclusive)
 * @param text  the words found, exactly as they stand in the text
 */
public record Finding(int start, int end, Kind kind, String text) {

    /** What was found; the order is the order of precedence when two findings overlap and are as long. */
    public enum Kind {
        IDENTITY_NUMBER("[personnummer]"),
        PHONE("[telefonnummer]"),
        EMAIL("[e-post]"),
        FIRST_NAME("[namn]"),
        STAFF_NAME("[namn]"),
        PLACE("[plats]");

        private final String placeholder;

        Kind(String placeholder) {
            this.placeholder = placeholder;
        }

        /** The neutral words that replace a finding of this kind (quotes are in Swedish). */
        public String placeholder() {
            return placeholder;
        }
    }

    public int length() {
        return end - start;
    }

    public String placeholder() {
        return kind.placeholder();
    }
}
