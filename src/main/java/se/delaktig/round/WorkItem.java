package se.delaktig.round;

import java.util.List;

/**
 * One thing waiting for the signed-in person, for their start page: a draft to finish, a reflection
 * to write, a proposal to decide, an overdue action.
 *
 * @param section  the start page's list it belongs in, e.g. {@link #DRAFTS}
 * @param roundId  the round it belongs to, for ordering the current round first
 * @param textKey  message key of the sentence, filled by {@code args}
 * @param linkKey  message key of the link text, filled by {@code args}
 * @param href     where the work is done
 */
public record WorkItem(String section, long roundId, String roundTitle, String textKey, List<Object> args,
                       String linkKey, String href) {

    public static final String DRAFTS = "drafts";
    public static final String REFLECTIONS = "reflections";
    public static final String PROPOSALS = "proposals";
    public static final String OVERDUE = "overdue";

    public WorkItem {
        args = List.copyOf(args);
    }
}
