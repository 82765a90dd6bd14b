package se.delaktig.round;

import java.util.List;

/**
 * One line of a step's checklist on the round page, such as "6 av 8 intervjuer klara", and, when the
 * line stands for a page of its own, the link to it.
 *
 * @param id        stable name of the line, e.g. {@code "interviews"}; the start page picks lines by it
 * @param stage     the step the line belongs to
 * @param textKey   message key of the sentence; {@code args} fill it (numbers for correct plurals)
 * @param state     how far the work has come
 * @param needed    whether the step counts as unfinished while this line is not {@link State#DONE}:
 *                  moving on then asks for confirmation and names the line
 * @param linkKey   message key of the link text, or {@code null} for a line without a page
 * @param href      the page's path in the application, or {@code null}
 * @param actionKey message key of the button text when this line is the next thing to do, e.g.
 *                  "Tilldela intervjuare", or {@code null} when the line offers no action
 * @param leadOnly  whether only the round's process lead sees the link and the action (everyone who may
 *                  see the round sees the sentence)
 */
public record ProgressItem(String id, Stage stage, String textKey, List<Object> args, State state, boolean needed,
                           String linkKey, String href, String actionKey, boolean leadOnly) {

    /** How far the work of a line has come, as the checklist shows it. */
    public enum State { DONE, STARTED, NOT_STARTED, INFO }

    public ProgressItem {
        args = List.copyOf(args);
    }

    /** A line without a page of its own. */
    public static ProgressItem of(String id, Stage stage, String textKey, State state, boolean needed, Object... args) {
        return new ProgressItem(id, stage, textKey, List.of(args), state, needed, null, null, null, false);
    }

    public ProgressItem withLink(String linkKey, String href) {
        return new ProgressItem(id, stage, textKey, args, state, needed, linkKey, href, actionKey, leadOnly);
    }

    public ProgressItem withAction(String actionKey) {
        return new ProgressItem(id, stage, textKey, args, state, needed, linkKey, href, actionKey, leadOnly);
    }

    public ProgressItem forLeadOnly() {
        return new ProgressItem(id, stage, textKey, args, state, needed, linkKey, href, actionKey, true);
    }

    /** Whether this line is work the step still waits for. */
    public boolean missing() {
        return needed && state != State.DONE;
    }

    /** The state from a count of what is done out of how many: none, some or all. */
    public static State stateOf(long done, long total) {
        return total > 0 && done >= total ? State.DONE : done > 0 ? State.STARTED : State.NOT_STARTED;
    }
}
