package se.delaktig.feedback;

import java.util.List;
import java.util.Optional;

import se.delaktig.guide.AgeBand;

/** What the public page may show: the published versions and who sends them. Nothing personal. */
public record PublicFeedback(String token, String unitName, String municipalityName, List<FeedbackVersion> versions) {

    public Optional<FeedbackVersion> version(AgeBand band, String language) {
        return versions.stream().filter(v -> v.band() == band && v.language().equals(language)).findFirst();
    }

    public List<AgeBand> bands() {
        return versions.stream().map(FeedbackVersion::band).distinct().sorted().toList();
    }
}
