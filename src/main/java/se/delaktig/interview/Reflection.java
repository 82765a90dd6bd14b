package se.delaktig.interview;

/**
 * The interviewer's own reflection after listening to one child, as answers to the guide's three
 * questions plus anything else. Every part is free text, encrypted with the round's key, and feeds
 * the staff-experience column of the analysis.
 *
 * @param learnt    what the interviewer learnt from the child
 * @param surprised what surprised them
 * @param change    what the unit should change, from what the child said
 * @param other     anything else (the single free reflection of earlier versions lives here)
 */
public record Reflection(String learnt, String surprised, String change, String other) {

    public static final Reflection EMPTY = new Reflection(null, null, null, null);

    public boolean isEmpty() {
        return learnt == null && surprised == null && change == null && other == null;
    }
}
