package se.delaktig.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.fail;

/**
 * Base class for tests that drive the running application with a real, headless Chromium. Annotate
 * the subclass with {@link se.delaktig.IntegrationTest}; one browser is started per test class and
 * quit afterwards, with a fresh profile so no cookies leak between classes.
 *
 * <p>Without Chromium the tests are skipped with a message on how to enable them (see
 * {@link BrowserAvailable}); with {@code CI=true} they fail instead.
 */
@ExtendWith({BrowserAvailable.class, BrowserTest.FailureSnapshots.class})
public abstract class BrowserTest {

    /** How long to wait for a page or an element before the test fails. */
    protected static final Duration PATIENCE = Duration.ofSeconds(15);

    // Redirects are not followed, so a download that lands on the login page shows up as a 302.
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final List<java.util.logging.Logger> CDP_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"));

    static {
        // Selenium Manager would download browsers and drivers from the internet. We always pass explicit
        // paths so it is never started, and if it ever were, it passes SE_* properties on and stays offline.
        System.setProperty("SE_OFFLINE", "true");
        // Selenium warns on every start that it has no DevTools bindings for this Chromium version. The tests
        // use WebDriver only, never DevTools, so the warning is noise. (Held in a field: JUL keeps loggers weakly; application-test.properties
        // mutes them again after Spring Boot has reset the JUL levels.)
        CDP_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
    }

    protected static WebDriver driver;
    private static ChromeDriverService service;
    private static Path profile;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        var lookup = BrowserInstallation.lookup();
        if (lookup instanceof BrowserInstallation.Missing missing) {
            // Only reached with CI=true: BrowserAvailable skips the class everywhere else.
            fail(missing.message() + " CI=true, so a missing browser is a failure, not a skip.");
        }
        var installation = ((BrowserInstallation.Found) lookup).installation();
        profile = Files.createTempDirectory("delaktig-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installation.chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions();
        options.setBinary(installation.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    @AfterAll
    static void quitBrowser() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (service != null) {
                service.stop();
                service = null;
            }
            if (profile != null) {
                try {
                    FileSystemUtils.deleteRecursively(profile);
                } catch (IOException e) {
                    // A leftover temp profile is harmless; do not hide the test result behind it.
                }
                profile = null;
            }
        }
    }

    /** The absolute address of a path in the application under test, e.g. {@code url("/login")}. */
    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a path of the application, e.g. {@code open("/rounds/12")}. */
    protected void open(String path) {
        driver.get(url(path));
    }

    /** Logs in through the login form and waits until the browser has left the login page. */
    protected void login(String username, String password) {
        open("/login");
        fill(By.id("username"), username);
        fill(By.id("password"), password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> !path().equals("/login"));
    }

    /** Logs out with the button in the header and waits for the login page. */
    protected void logout() {
        var button = driver.findElement(By.cssSelector("form[action$='/logout'] button[type=submit]"));
        // On a phone the button sits behind the menu button.
        var menu = driver.findElements(By.id("menu-button"));
        if (!button.isDisplayed() && !menu.isEmpty() && menu.get(0).isDisplayed()) {
            menu.get(0).click();
        }
        button.click();
        waitUntil(d -> path().equals("/login"));
    }

    /** Clears a field and types into it, as a person would. */
    protected void fill(By field, String text) {
        var element = driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    /** The path of the current page, without query string. */
    protected String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The query string of the current page, or {@code ""}. */
    protected String query() {
        var query = URI.create(driver.getCurrentUrl()).getQuery();
        return query == null ? "" : query;
    }

    protected WebElement waitFor(By locator) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Waits until the condition holds. An element that goes stale while the page is replaced (a form
     * post landing) is simply looked up again on the next try.
     */
    protected void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, PATIENCE)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        // Chromium's own words for an element whose page was replaced between finding and reading
                        // it: stale as well, so look again on the next try.
                        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    /** The widths every page must work at: desktop, tablet (the interviewer's) and phone. */
    protected static final List<Integer> WIDTHS = List.of(1280, 820, 390);

    /** Resizes the window so the page's viewport is at most {@code width} CSS pixels wide. */
    protected void atWidth(int width) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1000));
        waitUntil(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return window.innerWidth;")).intValue() <= width);
    }

    /**
     * Fails when the current page is wider than the screen, naming the elements that stick out. A
     * table inside a {@code .table-scroll} container scrolls on its own and does not count.
     */
    protected void assertFitsTheScreen() {
        var wide = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("""
                const limit = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= limit) return '';
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > limit + 1 && !e.closest('.table-scroll > table'))
                    .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
                    .join(', ');""");
        if (!wide.isEmpty()) {
            fail("horizontal scroll at " + driver.manage().window().getSize().getWidth() + " px on " + path() + ": " + wide);
        }
    }

    /**
     * At 1280, 820 and 390 px: the current page fits the screen and axe finds nothing. The window is
     * back at 1280 px afterwards.
     */
    protected void checkAtEveryWidth() {
        try {
            for (var width : WIDTHS) {
                atWidth(width);
                assertFitsTheScreen();
                assertNoAxeViolations();
            }
        } finally {
            atWidth(1280);
        }
    }

    /**
     * Runs axe-core on the current page against WCAG 2.0 and 2.1, levels A and AA, and fails with a
     * readable list (rule, impact, the elements concerned) when anything is found.
     */
    protected void assertNoAxeViolations() {
        var results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
        if (results.isErrored()) {
            fail("axe could not analyse " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        var violations = results.getViolations();
        if (!violations.isEmpty()) {
            fail("axe found " + violations.size() + " accessibility violation(s) on " + driver.getCurrentUrl() + ":\n"
                    + violations.stream().map(BrowserTest::describe).collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        var nodes = rule.getNodes().stream()
                .map(BrowserTest::describe)
                .collect(Collectors.joining("\n"));
        return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n" + nodes;
    }

    private static String describe(CheckedNode node) {
        var summary = node.getFailureSummary() == null ? "" : " – " + node.getFailureSummary().replace('\n', ' ');
        return "    at " + node.getTarget() + summary;
    }

    /** A file fetched the way the signed-in browser would fetch it. */
    public record Download(int status, String contentType, String contentDisposition, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Downloads what a link on the current page points to, with the browser's session. Chromium's own
     * download handling is awkward to observe in headless mode; fetching the href with the same
     * session cookie sends the same request the click would.
     */
    protected Download download(By link) {
        var href = driver.findElement(link).getAttribute("href");
        if (href == null || href.isBlank()) {
            fail("The element " + link + " has no href to download");
        }
        return download(URI.create(driver.getCurrentUrl()).resolve(href));
    }

    protected Download download(URI address) {
        var request = HttpRequest.newBuilder(address).timeout(PATIENCE).GET();
        var session = driver.manage().getCookieNamed("SESSION");
        if (session != null) {
            request.header("Cookie", "SESSION=" + session.getValue());
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps a screenshot and the HTML of the page a failed test ended on, in
     * {@code target/browser-failures/}, because a browser failure is hard to understand from the
     * assertion alone.
     */
    static class FailureSnapshots implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver == null) {
                return;
            }
            try {
                var dir = Files.createDirectories(Path.of("target", "browser-failures"));
                var name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
                Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
                System.out.println("Browser snapshot of the failed test: " + dir.resolve(name + ".png").toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                System.out.println("Could not save a browser snapshot: " + e.getMessage());
            }
        }
    }
}
