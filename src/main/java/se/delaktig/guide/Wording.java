package se.delaktig.guide;

/**
 * What a child hears for a question in one language, for one age band or ({@code ageBand} null)
 * for every age.
 */
public record Wording(String language, AgeBand ageBand, String text) {
}
