package se.delaktig.feedback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import se.delaktig.analysis.DeidentificationCheck;

/**
 * What must never be in the feedback: identity numbers, phone numbers and e-mail addresses (found by
 * the same check as quotes), and the names the round knows (the key list's first names, the
 * pseudonyms, the unit's staff). A finding names what was found, so the person knows what to rewrite.
 */
final class PersonalData {

    /** What was found: the message key and the word to show. */
    record Finding(String messageKey, String word) {
    }

    /** The quote check without any names: identity numbers, phone numbers and e-mail addresses. */
    private static final DeidentificationCheck NUMBERS_AND_ADDRESSES =
            new DeidentificationCheck(List.of(), List.of(), List.of());

    private final List<Pattern> names = new ArrayList<>();
    private final List<String> words = new ArrayList<>();

    /**
     * @param names       first names and staff names: matched as whole words, with their capital letter
     * @param pseudonyms  matched as whole words in any case
     */
    PersonalData(Collection<String> names, Collection<String> pseudonyms) {
        names.stream().filter(n -> n != null && n.strip().length() >= 2).map(String::strip).distinct().forEach(n -> {
            this.names.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(n) + "(?![\\p{L}\\p{N}])"));
            words.add(n);
        });
        pseudonyms.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).distinct().forEach(p -> {
            this.names.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(p) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            words.add(p);
        });
    }

    /** Only the patterns that need no knowledge of the round. */
    static PersonalData patternsOnly() {
        return new PersonalData(List.of(), List.of());
    }

    Optional<Finding> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var found = NUMBERS_AND_ADDRESSES.findings(text);
        if (!found.isEmpty()) {
            var first = found.get(0);
            return Optional.of(switch (first.kind()) {
                case IDENTITY_NUMBER -> new Finding("feedback.personal.identityNumber", "");
                case EMAIL -> new Finding("feedback.personal.email", first.text());
                default -> new Finding("feedback.personal.phone", first.text());
            });
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).matcher(text).find()) {
                return Optional.of(new Finding("feedback.personal.name", words.get(i)));
            }
        }
        return Optional.empty();
    }
}
