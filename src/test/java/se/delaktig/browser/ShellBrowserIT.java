package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;

/**
 * The frame around every page: a menu that shows each role what it can use, fits one line on a desktop,
 * folds into a menu button on a phone, marks the page you are on and has a focus ring you can see.
 */
@IntegrationTest
class ShellBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired Organization organization;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        atWidth(1280);
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private List<String> menu() {
        return driver.findElements(By.cssSelector("header nav .nav > li > a")).stream()
                .map(a -> ((String) js("return arguments[0].textContent;", a)).replaceAll("\\s+\\d+.*$", "").strip())
                .toList();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in, checks the menu, that every link in it opens (no 403, no 404) and that the page passes at every width. */
    private void menuOf(String username, List<String> expected) {
        login(username, TestFixtures.PASSWORD);
        open("/");
        assertThat(menu()).as("menu of " + username).containsExactlyElementsOf(expected);
        for (var link : driver.findElements(By.cssSelector("header nav a"))) {
            var address = URI.create(link.getAttribute("href"));
            assertThat(download(address).status()).as(username + " opens " + address.getPath()).isEqualTo(200);
        }
        checkAtEveryWidth();
        logout();
        driver.manage().deleteAllCookies();
    }

    @Test
    void everyRoleSeesTheMenuItCanUse() {
        var suffix = org.suffix();
        organization.createStaff("adm-" + suffix, "Ada Admin", null, null, TestFixtures.PASSWORD, true);
        fixtures.staff("fou-" + suffix, "Frida FoU", org.unitId(), Role.RD_ANALYST);

        menuOf("adm-" + suffix, List.of("Start", "Notiser", "Intervjuguider", "Logg", "Administration"));
        menuOf("fou-" + suffix, List.of("Start", "Intervjuguider"));
        menuOf(org.interviewers().get(0), List.of("Start", "Omgångar", "Mina intervjuer", "Bokningar", "Åtgärder", "Intervjuguider"));
        menuOf(org.processLead(), List.of("Start", "Omgångar", "Bokningar", "Notiser", "Åtgärder", "Intervjuguider", "Logg"));
        menuOf(org.manager(), List.of("Start", "Omgångar", "Notiser", "Åtgärder", "Intervjuguider"));
    }

    @Test
    void aPersonWithEveryRoleSeesTheUnionOnOneLineAtDesktopWidth() {
        var username = "alla-" + org.suffix();
        var id = organization.createStaff(username, "Alva Allroller", null, null, TestFixtures.PASSWORD, true);
        for (var role : Role.values()) {
            organization.grant(id, org.unitId(), role);
        }
        login(username, TestFixtures.PASSWORD);
        for (var lang : List.of("sv", "en")) {
            open("/?lang=" + lang);
            assertThat(menu()).hasSize(9);
            @SuppressWarnings("unchecked")
            var tops = (List<Number>) js("return [...document.querySelectorAll('header nav .nav > li')].map(li => li.offsetTop);");
            assertThat(tops.stream().map(Number::intValue).distinct()).as("one line in " + lang + ": " + tops).hasSize(1);
            // The language link, the profile and the logout button share that line as well.
            var header = driver.findElement(By.cssSelector(".site-header__inner")).getRect().getHeight();
            assertThat(header).as("header height in " + lang).isLessThan(70);
            assertThat(driver.findElements(By.id("menu-button")).get(0).isDisplayed()).isFalse();
        }
        open("/?lang=sv");
    }

    @Test
    void theMenuMarksTheCurrentPage() {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/");
        assertThat(driver.findElements(By.cssSelector("header nav a[aria-current=page]")))
                .extracting(WebElement::getText).containsExactly("Start");
        open("/rounds");
        assertThat(driver.findElements(By.cssSelector("header nav a[aria-current=page]")))
                .extracting(WebElement::getText).containsExactly("Omgångar");
        open("/audit");
        assertThat(driver.findElements(By.cssSelector("header nav a[aria-current=page]")))
                .extracting(WebElement::getText).containsExactly("Logg");
        open("/profile");
        assertThat(driver.findElements(By.cssSelector("header nav a[aria-current]"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".user-menu a[aria-current=page]")).getText()).isEqualTo("Min profil");
    }

    @Test
    void onAPhoneAMenuButtonOpensAndClosesTheMenuByKeyboard() {
        login(org.processLead(), TestFixtures.PASSWORD);
        atWidth(390);
        try {
            open("/rounds");
            var button = driver.findElement(By.id("menu-button"));
            assertThat(button.getTagName()).isEqualTo("button");
            assertThat(button.isDisplayed()).isTrue();
            assertThat(button.getText()).isEqualTo("Meny");
            assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
            var menu = driver.findElement(By.id(button.getAttribute("aria-controls")));
            var rounds = driver.findElement(By.cssSelector("header nav a[href$='/rounds']"));
            assertThat(rounds.isDisplayed()).isFalse();
            // Closed, the header is one short row: brand and button.
            assertThat(driver.findElement(By.cssSelector(".site-header")).getRect().getHeight()).isLessThan(70);
            assertFitsTheScreen();
            assertNoAxeViolations();
            var size = button.getRect();
            assertThat(size.getHeight()).as("touch target").isGreaterThanOrEqualTo(44);
            assertThat(size.getWidth()).as("touch target").isGreaterThanOrEqualTo(44);

            // Keyboard only: Tab to the button, Enter opens, Tab reaches the first link, Escape closes and returns focus.
            tabTo(button);
            new Actions(driver).sendKeys(Keys.ENTER).perform();
            waitUntil(d -> "true".equals(button.getAttribute("aria-expanded")));
            assertThat(menu.isDisplayed()).isTrue();
            assertThat(rounds.isDisplayed()).isTrue();
            assertThat(rounds.getAttribute("aria-current")).isEqualTo("page");
            assertThat(rounds.getRect().getHeight()).as("touch target").isGreaterThanOrEqualTo(44);
            assertFitsTheScreen();
            assertNoAxeViolations();
            new Actions(driver).sendKeys(Keys.TAB).perform();
            assertThat(active().getText()).isEqualTo("Start");
            new Actions(driver).sendKeys(Keys.ESCAPE).perform();
            waitUntil(d -> "false".equals(button.getAttribute("aria-expanded")));
            assertThat(rounds.isDisplayed()).isFalse();
            assertThat(active()).isEqualTo(button);
            // Space opens and closes it as well; the logout button in it works.
            new Actions(driver).sendKeys(Keys.SPACE).perform();
            waitUntil(d -> "true".equals(button.getAttribute("aria-expanded")));
            new Actions(driver).sendKeys(Keys.SPACE).perform();
            waitUntil(d -> "false".equals(button.getAttribute("aria-expanded")));
            assertThat(driver.findElement(By.cssSelector("form[action$='/logout'] button")).isDisplayed()).isFalse();

            // In English the button says Menu.
            open("/rounds?lang=en");
            assertThat(driver.findElement(By.id("menu-button")).getText()).isEqualTo("Menu");
            open("/rounds?lang=sv");

            // At the tablet width the links are shown as they are, within the screen.
            atWidth(820);
            assertThat(driver.findElement(By.id("menu-button")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.cssSelector("header nav a[href$='/rounds']")).isDisplayed()).isTrue();
            assertFitsTheScreen();
        } finally {
            atWidth(1280);
        }
    }

    @Test
    void withoutJavaScriptThePhoneStillShowsTheLinks() throws Exception {
        var installation = ((BrowserInstallation.Found) BrowserInstallation.lookup()).installation();
        var profileDir = java.nio.file.Files.createTempDirectory("delaktig-nojs-");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(installation.chromedriver().toFile())
                .usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(installation.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=390,900", "--blink-settings=scriptEnabled=false",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        var noScript = new ChromeDriver(service, options);
        try {
            noScript.get(url("/login"));
            noScript.findElement(By.id("username")).sendKeys(org.processLead());
            noScript.findElement(By.id("password")).sendKeys(TestFixtures.PASSWORD);
            noScript.findElement(By.cssSelector("main form button[type=submit]")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(noScript, PATIENCE)
                    .until(d -> !URI.create(d.getCurrentUrl()).getPath().equals("/login"));
            noScript.get(url("/rounds"));
            assertThat(noScript.findElement(By.id("menu-button")).isDisplayed()).isFalse();
            assertThat(noScript.findElements(By.cssSelector("header nav a"))).allSatisfy(a -> assertThat(a.isDisplayed()).isTrue());
            assertThat(noScript.findElement(By.cssSelector("form[action$='/logout'] button")).isDisplayed()).isTrue();
            var fits = (Boolean) ((JavascriptExecutor) noScript).executeScript(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
            // executeScript is WebDriver's own channel and works with page scripts off.
            assertThat(fits).isTrue();
        } finally {
            noScript.quit();
            service.stop();
            FileSystemUtils.deleteRecursively(profileDir);
        }
    }

    @Test
    void theFocusRingStandsOutOnTheHeaderAndOnThePage() {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds");
        // In the header: Tab from the top of the page (skip link, brand, first menu link).
        var start = driver.findElement(By.cssSelector("header nav a[href$='/']"));
        tabTo(start);
        var ring = ringContrast("document.querySelector('.site-header')");
        assertThat(ring).as("focus ring against the header").isGreaterThanOrEqualTo(3.0);
        // On the page: a link in the main content.
        var inMain = driver.findElements(By.cssSelector("main a[href]"));
        assertThat(inMain).isNotEmpty();
        tabTo(inMain.get(0));
        assertThat(ringContrast("document.body")).as("focus ring against the page").isGreaterThanOrEqualTo(3.0);
        assertThat(ringContrast("document.querySelector('.card') || document.body")).as("focus ring against a card")
                .isGreaterThanOrEqualTo(3.0);
    }

    /** Tabs forward from the top of the page until the element has focus (a keyboard user's way there). */
    private void tabTo(WebElement target) {
        js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        driver.findElement(By.tagName("body"));
        for (int i = 0; i < 60 && !target.equals(active()); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(active()).as("reached by Tab").isEqualTo(target);
    }

    private WebElement active() {
        return driver.switchTo().activeElement();
    }

    /** Contrast ratio of the focused element's outline against the background of the given element. */
    private double ringContrast(String backgroundOf) {
        var style = (String) js("""
                const a = document.activeElement, s = getComputedStyle(a);
                return s.outlineStyle + '|' + s.outlineWidth + '|' + s.outlineColor + '|' + getComputedStyle(%s).backgroundColor;"""
                .formatted(backgroundOf));
        var parts = style.split("\\|");
        assertThat(parts[0]).as("outline style").isNotEqualTo("none");
        assertThat(Double.parseDouble(parts[1].replace("px", ""))).as("outline width").isGreaterThanOrEqualTo(2);
        return contrast(rgb(parts[2]), rgb(parts[3]));
    }

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)");

    private static int[] rgb(String css) {
        var m = RGB.matcher(css);
        assertThat(m.find()).as("a colour: " + css).isTrue();
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** WCAG 2.1 contrast ratio. */
    static double contrast(int[] a, int[] b) {
        var la = luminance(a);
        var lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(int[] c) {
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) {
            var v = c[i] / 255.0;
            lin[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    }
}
