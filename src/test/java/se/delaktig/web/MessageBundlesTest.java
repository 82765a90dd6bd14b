package se.delaktig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Swedish comes first and English must stay complete: every bundle has the same keys in both
 * languages, no text is empty, and every message key a template names exists.
 */
class MessageBundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static List<String> basenames() throws IOException {
        var properties = new Properties();
        try (var in = Files.newBufferedReader(RESOURCES.resolve("application.properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return Arrays.stream(properties.getProperty("spring.messages.basename").split(",")).map(String::trim).toList();
    }

    private static Properties load(Path file) throws IOException {
        var properties = new Properties();
        try (var in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void swedishAndEnglishHaveTheSameKeysAndNoEmptyTexts() throws IOException {
        for (var base : basenames()) {
            var swedish = load(RESOURCES.resolve(base + ".properties"));
            var english = load(RESOURCES.resolve(base + "_en.properties"));
            assertThat(english.stringPropertyNames()).as(base + ": keys only in Swedish or only in English")
                    .containsExactlyInAnyOrderElementsOf(swedish.stringPropertyNames());
            for (var bundle : List.of(swedish, english)) {
                assertThat(bundle.stringPropertyNames()).as(base + ": keys with empty text")
                        .allSatisfy(key -> assertThat(bundle.getProperty(key)).as(key).isNotBlank());
            }
        }
    }

    @Test
    void everyMessageKeyNamedInATemplateExists() throws IOException {
        var keys = new HashSet<String>();
        for (var base : basenames()) {
            keys.addAll(load(RESOURCES.resolve(base + ".properties")).stringPropertyNames());
        }
        var literal = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.-]*)[}(]|#messages\\.msg\\('([A-Za-z][A-Za-z0-9_.-]*)'\\s*[,)]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (var template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                var matcher = literal.matcher(Files.readString(template));
                while (matcher.find()) {
                    var key = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    if (!keys.contains(key)) {
                        missing.add(RESOURCES.resolve("templates").relativize(template) + ": " + key);
                    }
                }
            }
        }
        assertThat(missing).as("message keys used in templates but missing from the bundles").isEmpty();
    }
}
