package se.delaktig.guide;

/** How a question is answered. */
public enum QuestionType {
    /** Ja / Nej / Vet inte. */
    YES_NO_DONT_KNOW,
    /** One of the question's options. */
    SINGLE_CHOICE,
    /** Any number of the question's options, stored one per line in the answer's value. */
    MULTIPLE_CHOICE,
    /** A five-step smiley scale, stored as "1" (very sad) to "5" (very happy). */
    SMILEY,
    /** A whole number, such as how many social workers the child has had. */
    NUMBER,
    /** Only the child's own words. */
    FREE_TEXT;

    /** The stored values of a yes / no / don't know answer. */
    public static final java.util.List<String> YES_NO_VALUES = java.util.List.of("YES", "NO", "DONT_KNOW");

    /** The stored values of a smiley answer, saddest first. */
    public static final java.util.List<String> SMILEY_VALUES = java.util.List.of("1", "2", "3", "4", "5");
}
