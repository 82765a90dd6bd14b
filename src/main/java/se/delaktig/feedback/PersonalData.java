package se.delaktig.feedback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import se.delaktig.privacy.IdentityNumbers;

/**
 * What must never be in the feedback: identity numbers, phone numbers, e-mail addresses, and the
 * names the round knows (the key list's first names, the pseudonyms, the unit's staff). A finding
 * names what was found, so the person knows what to rewrite.
 */
final class PersonalData {

    /** What was found: the message key and the word to show. */
    record Finding(String messageKey, String word) {
    }

    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])(?:\\+\\s?46|0)(?:[\\s-]?\\d){6,11}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\d._%+-]+@[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)+");

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
        if (IdentityNumbers.containsIdentityNumber(text)) {
            return Optional.of(new Finding("feedback.personal.identityNumber", ""));
        }
        var email = EMAIL.matcher(text);
        if (email.find()) {
            return Optional.of(new Finding("feedback.personal.email", email.group()));
        }
        var phone = PHONE.matcher(text);
        if (phone.find()) {
            return Optional.of(new Finding("feedback.personal.phone", phone.group().strip()));
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).matcher(text).find()) {
                return Optional.of(new Finding("feedback.personal.name", words.get(i)));
            }
        }
        return Optional.empty();
    }
}
