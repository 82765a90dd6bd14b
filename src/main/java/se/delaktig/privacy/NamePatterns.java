package se.delaktig.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finding names and place names in free text, the one way every check does it: whole words, in any
 * case, also in the genitive ("Annas", "Anna's"), a name of several words with any spacing. The
 * quote check of the analysis and the interviewer's own name check both use it, so a name the one
 * finds the other finds too.
 */
public final class NamePatterns {

    /** Letters and digits: what a word is made of. */
    private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String AFTER = "(?![\\p{L}\\p{N}])";
    /** The Swedish genitive: "Annas", also "Anna's" and "Anna’s"; its own group so a replacement can keep it. */
    private static final String GENITIVE = "(?<genitive>s|['’]s)?";

    private NamePatterns() {
    }

    /** One match: where it stands, the words as typed and whether a genitive ending follows the name. */
    public record Match(int start, int end, String text, boolean genitive) {
    }

    /** Each name as a whole, and each of its parts: "Anna-Karin Berg" gives it, "Anna", "Karin" and "Berg". */
    public static Set<String> nameParts(Collection<String> names) {
        var result = new LinkedHashSet<String>();
        for (var name : cleaned(names)) {
            result.add(name);
            for (var part : name.split("[\\s\\-]+")) {
                var stripped = part.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
                if (stripped.codePointCount(0, stripped.length()) >= 2) {
                    result.add(stripped);
                }
            }
        }
        return result;
    }

    /** The words stripped, inner spaces made single, those shorter than two letters left out. */
    public static Set<String> cleaned(Collection<String> names) {
        var result = new LinkedHashSet<String>();
        if (names == null) {
            return result;
        }
        for (var name : names) {
            if (name == null) {
                continue;
            }
            var cleaned = name.strip().replaceAll("\\s+", " ");
            if (cleaned.codePointCount(0, cleaned.length()) >= 2) {
                result.add(cleaned);
            }
        }
        return result;
    }

    /** One pattern for all the words, longest first so that "Anna Maria" wins over "Anna"; null for none. */
    public static Pattern words(Set<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        var sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(w -> w.toLowerCase(Locale.ROOT)));
        var alternatives = new StringBuilder();
        for (var word : sorted) {
            if (!alternatives.isEmpty()) {
                alternatives.append('|');
            }
            var parts = word.split(" ");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    alternatives.append("\\s+");
                }
                alternatives.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(BEFORE + "(?:" + alternatives + ")" + GENITIVE + AFTER,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Every place in the text where one of the names (or a part of it) stands. */
    public static List<Match> find(String text, Collection<String> names) {
        var pattern = words(nameParts(names));
        if (pattern == null || text == null || text.isEmpty()) {
            return List.of();
        }
        var result = new ArrayList<Match>();
        var matcher = pattern.matcher(text);
        while (matcher.find()) {
            result.add(new Match(matcher.start(), matcher.end(), matcher.group(), matcher.group("genitive") != null));
        }
        return List.copyOf(result);
    }

    /**
     * The text with every place where one of the names stands replaced. The genitive is kept in the
     * way Swedish writes it after the replacement: "Annas" becomes "B03:s" or "[barnets]".
     */
    public static String replace(String text, Collection<String> names, String replacement) {
        var matches = find(text, names);
        if (matches.isEmpty()) {
            return text;
        }
        var result = new StringBuilder();
        var at = 0;
        for (var match : matches) {
            result.append(text, at, match.start()).append(match.genitive() ? genitive(replacement) : replacement);
            at = match.end();
        }
        return result.append(text.substring(at)).toString();
    }

    private static String genitive(String replacement) {
        if (replacement.endsWith("]")) {
            return replacement.substring(0, replacement.length() - 1) + "s]";
        }
        return replacement + ":s";
    }
}
