package se.delaktig.round.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checklist's sentences carry their plurals in choice formats, which fail only when shown: every
 * message of the bundle must parse, and the counts must read as a person would say them.
 */
class GuideMessagesTest {

    private static Properties bundle(String name) throws IOException {
        var properties = new Properties();
        try (var in = GuideMessagesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui-guide", "ui-guide_en"})
    void everyMessageParses(String name) throws IOException {
        var properties = bundle(name);
        properties.stringPropertyNames().forEach(key -> assertThatCode(() -> new MessageFormat(properties.getProperty(key)))
                .as(name + ": " + key).doesNotThrowAnyException());
    }

    private static String sv(String key, Object... args) throws IOException {
        return new MessageFormat(bundle("ui-guide").getProperty(key), Locale.forLanguageTag("sv")).format(args);
    }

    @org.junit.jupiter.api.Test
    void swedishPluralsReadAsSpoken() throws IOException {
        assertThat(sv("guide.item.consent", 2, 6, 8)).isEqualTo("2 barn väntar på samtycke (6 av 8 har svarat)");
        assertThat(sv("guide.item.consent", 0, 8, 8)).isEqualTo("Alla har svarat (8 av 8 har svarat)");
        assertThat(sv("guide.item.interviews", 6, 8)).isEqualTo("6 av 8 intervjuer klara");
        assertThat(sv("guide.item.interviews", 0, 1)).isEqualTo("0 av 1 intervju klar");
        assertThat(sv("guide.item.coding", 40, 52)).isEqualTo("40 av 52 svar kodade");
        assertThat(sv("guide.item.drafts", 1)).isEqualTo("1 intervju är ett utkast");
        assertThat(sv("guide.item.drafts", 3)).isEqualTo("3 intervjuer är utkast");
        assertThat(sv("guide.item.codebook", 1)).isEqualTo("1 kod");
        assertThat(sv("guide.item.children", 5, -1)).isEqualTo("Barn i omgången: 5");
        assertThat(sv("guide.item.children", 5, 8)).isEqualTo("Barn i omgången: 5 av målet 8");
        assertThat(sv("home.lead.consent", 0, 0)).isEqualTo("Samtycke: inga barn inbjudna ännu");
        assertThat(sv("guide.work.proposals", 2, "Barns röster 2026")).isEqualTo("2 förslag väntar på beslut i Barns röster 2026.");
    }
}
