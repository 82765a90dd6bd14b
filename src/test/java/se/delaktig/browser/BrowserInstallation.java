package se.delaktig.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        var chromium = locate("CHROME_BIN", System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        var driverSetting = System.getProperty("webdriver.chrome.driver");
        var driver = driverSetting != null && !driverSetting.isBlank()
                ? locate("-Dwebdriver.chrome.driver", driverSetting)
                : locate("CHROMEDRIVER", System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        var missing = new ArrayList<String>();
        chromium.problem().ifPresent(missing::add);
        driver.problem().ifPresent(missing::add);
        if (!missing.isEmpty()) {
            return new Missing(String.join("; ", missing));
        }
        return new Found(new BrowserInstallation(chromium.path().orElseThrow(), driver.path().orElseThrow()));
    }

    private record Located(Optional<Path> path, Optional<String> problem) {
    }

    /**
     * An explicit setting wins on its own: a wrong CHROME_BIN is reported rather than silently replaced by
     * another browser. Without a setting, the Debian locations are tried in order.
     */
    private static Located locate(String setting, String configured, String... defaults) {
        if (configured != null && !configured.isBlank()) {
            var path = Path.of(configured.trim());
            return executable(path)
                    ? new Located(Optional.of(path), Optional.empty())
                    : new Located(Optional.empty(), Optional.of(setting + "=" + configured.trim() + " is not an executable file"));
        }
        for (var candidate : defaults) {
            var path = Path.of(candidate);
            if (executable(path)) {
                return new Located(Optional.of(path), Optional.empty());
            }
        }
        return new Located(Optional.empty(), Optional.of("none of " + String.join(", ", defaults)
                + " exists (or set " + setting + ")"));
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
