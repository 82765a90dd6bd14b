package se.delaktig.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Chromium and chromedriver live on this machine. Paths are always explicit, so Selenium never
 * asks Selenium Manager to download a browser or a driver: tests must not reach the internet.
 *
 * <p>Lookup order: {@code CHROME_BIN} (environment) or {@code /usr/bin/chromium}; the system property
 * {@code webdriver.chrome.driver}, {@code CHROMEDRIVER} (environment) or {@code /usr/bin/chromedriver}.
 */
record BrowserInstallation(Path chromium, Path chromedriver) {

    static final String HOW_TO_ENABLE = "Install Debian's Chromium and its driver with "
            + "'sudo apt-get install chromium chromium-driver', or point CHROME_BIN at a Chromium binary and "
            + "CHROMEDRIVER (or -Dwebdriver.chrome.driver) at the matching chromedriver.";

    /** The installation, or what is missing. */
    sealed interface Lookup permits Found, Missing {
    }

    record Found(BrowserInstallation installation) implements Lookup {
    }

    record Missing(String problem) implements Lookup {
        /** The message a person reads in the test report: what is missing and how to fix it. */
        String message() {
            return "Browser tests need Chromium and chromedriver: " + problem + ". " + HOW_TO_ENABLE;
        }
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Lookup lookup() {
        var chromium = firstOf(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        var driver = firstOf(System.getProperty("webdriver.chrome.driver"), System.getenv("CHROMEDRIVER"),
                "/usr/bin/chromedriver");
        var missing = new ArrayList<String>();
        if (chromium.isEmpty()) {
            missing.add("no executable Chromium (looked at " + candidates(System.getenv("CHROME_BIN"),
                    "/usr/bin/chromium", "/usr/bin/chromium-browser") + ")");
        }
        if (driver.isEmpty()) {
            missing.add("no executable chromedriver (looked at " + candidates(System.getProperty("webdriver.chrome.driver"),
                    System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver") + ")");
        }
        if (!missing.isEmpty()) {
            return new Missing(String.join(" and ", missing));
        }
        return new Found(new BrowserInstallation(chromium.get(), driver.get()));
    }

    private static Optional<Path> firstOf(String... candidates) {
        for (var candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                var path = Path.of(candidate.trim());
                if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    private static String candidates(String... candidates) {
        var named = new ArrayList<String>();
        for (var candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                named.add(candidate.trim());
            }
        }
        return String.join(", ", List.copyOf(named));
    }
}
