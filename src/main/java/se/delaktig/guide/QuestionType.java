package se.delaktig.guide;

/** How a question is answered. */
public enum QuestionType {
    /** Ja / Nej / Vet inte. */
    YES_NO_DONT_KNOW,
    /** One of the question's options. */
    SINGLE_CHOICE,
    /** A whole number, such as how many social workers the child has had. */
    NUMBER,
    /** Only the child's own words. */
    FREE_TEXT;

    /** The stored values of a yes / no / don't know answer. */
    public static final java.util.List<String> YES_NO_VALUES = java.util.List.of("YES", "NO", "DONT_KNOW");
}
