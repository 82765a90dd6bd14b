package se.delaktig.round;

import java.util.List;

/**
 * Tells the round how far the work of one step has come. The round module knows the steps but not
 * the interviews, codes, proposals or memos of the modules above it, so each of those modules
 * implements this for its own part of the cycle; the round page and the start page collect every
 * implementation. An implementation returns nothing for the steps it has no part in.
 *
 * <p>Called only for a round the current person may see (its participants have been read through
 * {@link ParticipantService#of}). The lines hold counts and states, never a child's words or name.
 */
public interface RoundProgressContributor {

    List<ProgressItem> progress(RoundSnapshot round, Stage stage);
}
