package se.delaktig.round;

import java.util.List;

/**
 * What waits for the signed-in person in a module above the round: the interview module lists the
 * drafts to finish and reflections to write, the decision module the proposals to decide and the
 * overdue actions. The start page collects every implementation, so the round module need not know
 * those modules.
 */
public interface PersonalWork {

    List<WorkItem> forCurrentPerson();
}
