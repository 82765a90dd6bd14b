package se.delaktig.notice;

import java.util.List;

import org.springframework.stereotype.Service;
import se.delaktig.access.CurrentActor;
import se.delaktig.interview.Safeguarding;
import se.delaktig.organization.RoleGrants;

/**
 * The notices of the signed-in person: safeguarding flags of the units where they are process lead
 * or unit manager, and roles waiting for their approval (administrators, unit managers). Everyone
 * else has none, and a notice of another unit is a 404.
 */
@Service
public class Notices {

    private final Safeguarding safeguarding;
    private final RoleGrants roleGrants;
    private final CurrentActor currentActor;

    Notices(Safeguarding safeguarding, RoleGrants roleGrants, CurrentActor currentActor) {
        this.safeguarding = safeguarding;
        this.roleGrants = roleGrants;
        this.currentActor = currentActor;
    }

    /** Open notices first, then handled ones, newest first within each. Each read is audited. */
    public List<Notice> mine() {
        return safeguarding.forMe().stream().map(Notices::notice).toList();
    }

    /** How many notices wait to be handled, for the badge in the navigation. */
    public int openCount() {
        return safeguarding.openCount() + roleGrantsAwaitingMe();
    }

    /**
     * Roles that open child data and wait for this person's approval (as an administrator or the
     * unit's manager): a grant is never silent, and the second person learns of it here.
     */
    public int roleGrantsAwaitingMe() {
        return currentActor.find().map(a -> roleGrants.awaitingDecisionBy(a.username())).orElse(0);
    }

    /** Roles that open child data which someone else gave in this person's units in the last 30 days. */
    public int roleGrantsGivenRecently() {
        return currentActor.find().map(a -> roleGrants.recentGrantsSeenBy(a.username())).orElse(0);
    }

    public Notice get(long id) {
        return notice(safeguarding.get(id));
    }

    /** Marks the notice as handled ("hanterad"): someone has acted on it in the case system. */
    public Notice acknowledge(long id) {
        return notice(safeguarding.acknowledge(id));
    }

    private static Notice notice(Safeguarding.Notice n) {
        return new Notice(n.id(), Notice.SAFEGUARDING, n.unitId(), n.roundTitle(), n.pseudonym(), n.interviewId(),
                n.raisedBy(), n.raisedAt(), n.note(), n.acknowledgedBy(), n.acknowledgedAt());
    }
}
