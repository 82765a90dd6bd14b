package se.delaktig.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import se.delaktig.guide.AgeBand;

/**
 * A round's feedback: the draft the team edits and the published copy the children see.
 *
 * @param version          goes up with every change of the draft; a change must name the version it was made on
 * @param approvedVersion  the draft version the process lead approved last (null: never approved)
 * @param published        the versions as last approved; empty until the first approval
 */
public record Feedback(long id, long roundId, String roundTitle, long unitId, String token, int version,
                       Integer approvedVersion, String approvedBy, Instant approvedAt, List<FeedbackVersion> drafts,
                       List<FeedbackVersion> published) {

    /** The draft as it stands is the one approved and published. */
    public boolean approved() {
        return approvedVersion != null && approvedVersion == version;
    }

    public boolean isPublished() {
        return !published.isEmpty();
    }

    /** Published, but the draft has changed since: the children still see the approved copy. */
    public boolean changedSinceApproval() {
        return isPublished() && !approved();
    }

    public Optional<FeedbackVersion> draft(AgeBand band, String language) {
        return drafts.stream().filter(v -> v.band() == band && v.language().equals(language)).findFirst();
    }

    /** The languages of the draft, Swedish first. */
    public List<String> languages() {
        return drafts.stream().map(FeedbackVersion::language).distinct().toList();
    }
}
