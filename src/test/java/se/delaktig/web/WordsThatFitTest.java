package se.delaktig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The words on the pages, read as a social worker reads them: every bundle exists in Swedish and
 * English with the same keys, a count reads right for none, one and many ("1 intervju", "3
 * intervjuer", never "(0 ändringar)"), apostrophes survive formatting, the key list has one name
 * (kodnyckel), and no text counts characters from zero.
 */
class WordsThatFitTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    /** A placeholder such as {0} or {1,choice,…}: the message goes through MessageFormat. */
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");
    /** A lone apostrophe: MessageFormat would swallow it and everything up to the next one. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    /** Plural nouns that must not follow a bare count: "{0} intervjuer" reads "1 intervjuer". */
    private static final Pattern SWEDISH_PLURAL_AFTER_COUNT = Pattern.compile(
            "\\{\\d\\}\\)?\\s+((nya|avslutade|oanvända|inbjudna|intervjuade)\\s+)?(intervjuer|intervjuerna|ändringar|koder|texter|enheter|rader|händelser|notiser|"
                    + "kommuner|personer|roller|reservkoder|träffar|månader|minuter|frågor|områden|borttagningar|"
                    + "formuleringar|förslag|åtgärder)\\b");
    private static final Pattern ENGLISH_PLURAL_AFTER_COUNT = Pattern.compile(
            "\\{\\d\\}\\)?\\s+((new|completed|unused|invited|interviewed)\\s+)?(interviews|changes|codes|texts|units|rows|events|notices|municipalities|people|"
                    + "roles|findings|months|minutes|questions|areas|removals|additions|wordings|children|fields|"
                    + "segments|proposals|actions)\\b");
    /** A limit rather than a count: "at most {0} characters", "from {0} to {1} months" is never one. */
    private static final Pattern LIMIT = Pattern.compile(
            "(?i)(högst|minst|till|mellan \\{\\d\\} och|fler än|färre än|at most|at least|to|between \\{\\d\\} and|more than|fewer than|"
                    + "vänta|wait)\\s+\\{\\d\\}$");

    /**
     * Messages whose counts arrive as text, so a choice cannot pick the form: the memo writes numbers as
     * words ("fem barn", see NumberWords), the agreement reading gets its figures already formatted.
     */
    private static final Pattern COUNTS_AS_TEXT = Pattern.compile(
            "report\\.memo\\..*|matrix\\.export\\.intro|agreement\\.reading\\.percent");

    record Bundle(String name, Properties swedish, Properties english) {
    }

    /** The text with every {n,choice,…} taken out, nested placeholders and all. */
    static String outsideChoices(String text) {
        var result = new StringBuilder();
        var i = 0;
        while (i < text.length()) {
            var choice = Pattern.compile("\\{\\d+\\s*,\\s*choice").matcher(text);
            if (!choice.find(i)) {
                result.append(text, i, text.length());
                break;
            }
            result.append(text, i, choice.start());
            var depth = 0;
            var j = choice.start();
            for (; j < text.length(); j++) {
                if (text.charAt(j) == '{') {
                    depth++;
                } else if (text.charAt(j) == '}' && --depth == 0) {
                    break;
                }
            }
            i = j + 1;
        }
        return result.toString();
    }

    private static Properties load(Path file) throws IOException {
        var properties = new Properties();
        try (var in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    /** Every Swedish bundle on disk with its English twin (an absent twin loads as empty). */
    private static List<Bundle> bundles() throws IOException {
        var swedish = new ArrayList<Path>();
        swedish.add(RESOURCES.resolve("messages.properties"));
        try (Stream<Path> files = Files.list(RESOURCES.resolve("i18n"))) {
            files.filter(p -> p.toString().endsWith(".properties") && !p.toString().endsWith("_en.properties"))
                    .sorted().forEach(swedish::add);
        }
        var bundles = new ArrayList<Bundle>();
        for (var file : swedish) {
            var english = Path.of(file.toString().replace(".properties", "_en.properties"));
            bundles.add(new Bundle(RESOURCES.relativize(file).toString(), load(file),
                    Files.exists(english) ? load(english) : new Properties()));
        }
        return bundles;
    }

    private static List<String> basenames() throws IOException {
        var properties = load(RESOURCES.resolve("application.properties"));
        return Arrays.stream(properties.getProperty("spring.messages.basename").split(",")).map(String::trim).toList();
    }

    @Test
    void everyBundleIsInUseAndSpeaksBothLanguagesWithTheSameKeys() throws IOException {
        var inUse = basenames();
        for (var bundle : bundles()) {
            assertThat(inUse).as(bundle.name() + " is listed in spring.messages.basename, or nobody reads it")
                    .contains(bundle.name().replace(".properties", ""));
            assertThat(bundle.english().stringPropertyNames()).as(bundle.name() + ": keys only in Swedish or only in English")
                    .containsExactlyInAnyOrderElementsOf(bundle.swedish().stringPropertyNames());
        }
    }

    /**
     * Spring formats a message only when it is given arguments. Then a lone apostrophe starts a quoted
     * stretch: it disappears, and so do the placeholders after it ("The childs first name is in {0}
     * fields"). Without arguments the text is shown as written, so a doubled apostrophe would show twice.
     */
    @Test
    void apostrophesSurviveFormatting() throws IOException {
        var wrong = new TreeMap<String, String>();
        for (var bundle : bundles()) {
            for (var language : List.of(bundle.swedish(), bundle.english())) {
                for (var key : language.stringPropertyNames()) {
                    var text = language.getProperty(key);
                    if (ARGUMENT.matcher(text).find() ? LONE_APOSTROPHE.matcher(text).find() : text.contains("''")) {
                        wrong.put(bundle.name() + ": " + key, text);
                    }
                }
            }
        }
        assertThat(wrong).as("messages whose apostrophes come out wrong").isEmpty();
    }

    @Test
    void aCountReadsRightForNoneOneAndMany() throws IOException {
        var wrong = new TreeMap<String, String>();
        for (var bundle : bundles()) {
            check(bundle.name(), bundle.swedish(), SWEDISH, SWEDISH_PLURAL_AFTER_COUNT, wrong);
            check(bundle.name(), bundle.english(), Locale.ENGLISH, ENGLISH_PLURAL_AFTER_COUNT, wrong);
        }
        assertThat(wrong).as("counts that read wrong for one or none; use {0,choice,0#…|1#…|1<…}").isEmpty();
    }

    private static void check(String bundle, Properties messages, Locale locale, Pattern pluralAfterCount,
                              TreeMap<String, String> wrong) {
        for (var key : messages.stringPropertyNames()) {
            var text = messages.getProperty(key);
            if (COUNTS_AS_TEXT.matcher(key).matches()) {
                continue;
            }
            if (key.endsWith(".many") && messages.containsKey(key.substring(0, key.length() - 4) + "one")) {
                // Said only of two or more: the key beside it says one.
                continue;
            }
            var outsideChoices = outsideChoices(text);
            var bare = pluralAfterCount.matcher(outsideChoices);
            while (bare.find()) {
                var count = outsideChoices.substring(Math.max(0, bare.start() - 30), bare.start() + 3);
                if (!LIMIT.matcher(count).find()) {
                    wrong.put(bundle + " (" + locale + "): " + key, text);
                }
            }
            if (!text.contains("choice")) {
                continue;
            }
            for (var count : List.of(0, 1, 2, 7)) {
                var args = new Object[10];
                Arrays.fill(args, count);
                var formatted = new MessageFormat(text, locale).format(args);
                if (formatted.matches("(?s).*\\(0 \\p{L}+\\).*") || formatted.matches("(?s).*(^|[^\\d ])1 (intervjuer|ändringar|koder|interviews|changes|codes|children)\\b.*")) {
                    wrong.put(bundle + " (" + locale + "): " + key + " with " + count, formatted);
                }
            }
        }
    }

    @Test
    void theSeminarsAcceptButtonHasNoZeroChanges() throws IOException {
        var booking = load(RESOURCES.resolve("i18n/booking.properties"));
        var accept = booking.getProperty("assignment.proposal.accept");

        assertThat(new MessageFormat(accept, SWEDISH).format(new Object[]{0})).isEqualTo("Acceptera förslaget");
        assertThat(new MessageFormat(accept, SWEDISH).format(new Object[]{1})).isEqualTo("Acceptera förslaget (en ändring)");
        assertThat(new MessageFormat(accept, SWEDISH).format(new Object[]{3})).isEqualTo("Acceptera förslaget (3 ändringar)");
    }

    @Test
    void swedishCallsTheKeyListKodnyckel() throws IOException {
        assertThat(swedishTextsContaining("nyckellist", "kodlist")).as("Swedish texts with another word for the key list").isEmpty();
    }

    /** The coding page marks passages in the text itself; nobody counts characters (lane analysis, issue 11). */
    @Test
    void noSwedishTextCountsCharactersFromZero() throws IOException {
        assertThat(swedishTextsContaining("räknat från 0")).as("Swedish texts that count characters from zero").isEmpty();
    }

    private static TreeMap<String, String> swedishTextsContaining(String... words) throws IOException {
        var found = new TreeMap<String, String>();
        for (var bundle : bundles()) {
            for (var key : bundle.swedish().stringPropertyNames()) {
                var text = bundle.swedish().getProperty(key);
                if (Arrays.stream(words).anyMatch(text.toLowerCase(SWEDISH)::contains)) {
                    found.put(bundle.name() + ": " + key, text);
                }
            }
        }
        return found;
    }
}
