package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.interview.Interviews;
import se.delaktig.interview.Safeguarding;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * The interview form on the interviewer's tablet (820 px): one area of the default guide at a time,
 * with where you are and a jump menu; touch targets of 44 px; a save bar that never covers the field
 * with focus and from which the safeguarding flag is one key press away; a status line that tells the
 * truth; errors that name their question; and a "Spara utkast" that is never lost while a background
 * save is on its way. The page fits and passes axe at 1280, 820 and 390 px.
 */
@IntegrationTest
class TabletInterviewBrowserIT extends BrowserTest {

    private static final int TABLET = 820;
    private static final String GUIDE = "Barns röster om socialtjänsten";

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Safeguarding safeguarding;
    @Autowired Guides guides;

    private record World(String interviewer, long interviewId, Map<String, Long> questions) {
        long q(String key) {
            return questions.get(key);
        }
    }

    @BeforeEach
    void signedOutWithNothingRemembered() {
        open("/login");
        driver.manage().deleteAllCookies();
        js("window.localStorage.clear(); window.sessionStorage.clear();");
        atWidth(1280);
    }

    /** A round of the default guide (four areas, 28 questions) and one child whose interview is opened. */
    private World world() {
        var org = fixtures.organisation();
        var guide = guides.all().stream().filter(g -> g.name().equals(GUIDE)).findFirst().orElseThrow();
        var participantId = TestFixtures.as(org.processLead(), () -> {
            var round = rounds.create(org.unitId(), guide.id(), new RoundService.Plan("Surfplatta " + org.suffix(),
                    LocalDate.of(2026, 2, 1), LocalDate.of(2026, 10, 31), 4, null));
            var p = participants.add(round.id(), new ParticipantService.NewParticipant(12, null, "Elsa", null, List.of(), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), org.interviewerIds().get(0));
            return p.id();
        });
        var interviewer = org.interviewers().get(0);
        var interviewId = TestFixtures.as(interviewer, () -> interviews.open(participantId).id());
        var questions = new java.util.HashMap<String, Long>();
        guides.find(guide.id()).orElseThrow().questions().forEach((Question q) -> questions.put(q.key(), q.id()));
        return new World(interviewer, interviewId, questions);
    }

    private World signedInOnTheInterview() {
        var w = world();
        login(w.interviewer(), TestFixtures.PASSWORD);
        atWidth(TABLET);
        open("/interviews/" + w.interviewId());
        waitFor(By.id("area-progress"));
        return w;
    }

    // --- helpers --------------------------------------------------------------------------------

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private String progress() {
        return driver.findElement(By.id("area-progress")).getText();
    }

    private String status() {
        return driver.findElement(By.id("autosave-status")).getText();
    }

    private boolean shown(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    private WebElement active() {
        return driver.switchTo().activeElement();
    }

    private void clickCentred(By locator) {
        var element = driver.findElement(locator);
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void type(By field, String text) {
        var element = driver.findElement(field);
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.sendKeys(text);
    }

    private int pageHeight() {
        return ((Number) js("return document.documentElement.scrollHeight;")).intValue();
    }

    /** The focused element's box and the save bar's box, once the page has had a frame to scroll. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> focusAndBar() {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                requestAnimationFrame(() => requestAnimationFrame(() => {
                  const field = document.activeElement;
                  const f = field.getBoundingClientRect();
                  const b = document.getElementById('interview-bar').getBoundingClientRect();
                  done({id: field.id || field.tagName, inBar: document.getElementById('interview-bar').contains(field),
                        top: f.top, bottom: f.bottom, barTop: b.top, barBottom: b.bottom,
                        overlaps: f.bottom > b.top && f.top < b.bottom && f.height > 0});
                }));""");
    }

    /** Autosaves wait in the page until the test lets them go, as over a very slow connection. */
    private void holdAutosaves() {
        js("""
                window.__held = [];
                const realFetch = window.fetch.bind(window);
                window.fetch = (url, options) => String(url).includes('/autosave')
                    ? new Promise((resolve, reject) => window.__held.push({url, options, resolve, reject}))
                    : realFetch(url, options);
                window.__release = (fail) => {
                  const request = window.__held.shift();
                  if (fail) request.reject(new TypeError('Failed to fetch'));
                  else realFetch(request.url, request.options).then(request.resolve, request.reject);
                };
                window.__samePage = true;""");
    }

    private int heldAutosaves() {
        return ((Number) js("return window.__held ? window.__held.length : -1;")).intValue();
    }

    /** A picture of the visible page to look at, in target/screenshots. */
    private void screenshot(String name) {
        try {
            var file = java.nio.file.Path.of("target", "screenshots", name + ".png");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String stockholmTime(LocalTime time) {
        return DateTimeFormatter.ofPattern("HH.mm").format(time);
    }

    // --- tests ----------------------------------------------------------------------------------

    @Test
    void theInterviewGoesAreaByAreaFromTheFirstQuestionToComplete() {
        var w = signedInOnTheInterview();

        // One area at a time, saying where you are.
        assertThat(progress()).isEqualTo("Område 1 av 4 · fråga 1 av 28");
        assertThat(shown("area-1")).isTrue();
        assertThat(shown("area-2")).isFalse();
        assertThat(shown("about")).isFalse();
        assertThat(driver.findElement(By.cssSelector(".area-nav__link[href='#area-1']")).getAttribute("aria-current")).isEqualTo("step");
        assertThat(driver.findElement(By.cssSelector(".area-nav__link[href='#area-2']")).getText()).contains("Kunskap", "frågor 11–17");
        var oneArea = pageHeight();
        var heights = new ArrayList<Integer>();
        for (var area : List.of("#area-1", "#area-2", "#area-3", "#area-4", "#about")) {
            clickCentred(By.cssSelector(".area-nav__link[href='" + area + "']"));
            heights.add(pageHeight());
        }
        System.out.printf("Interview page height at %d px, area by area (1–4, after the questions): %s%n", TABLET, heights);
        clickCentred(By.cssSelector(".area-nav__link[href='#area-1']"));
        screenshot("interview-area-820");
        checkAtEveryWidth();
        atWidth(TABLET);

        // Answering the first question, then the focus in the second says so.
        var first = w.q("kontakt.hur_ofta");
        clickCentred(By.cssSelector("label[for='q" + first + "-value-1']"));
        type(By.id("q" + first + "-words"), "Varje månad, det är lagom");
        clickCentred(By.id("q" + w.q("kontakt.antal_moten") + "-value"));
        assertThat(progress()).isEqualTo("Område 1 av 4 · fråga 2 av 28");
        type(By.id("q" + w.q("kontakt.antal_moten") + "-value"), "6");
        screenshot("interview-question-820");

        // The next area: the first is hidden, the heading has the focus, and what was typed is saved.
        clickCentred(By.cssSelector("#area-1 .area-steps__next"));
        assertThat(progress()).isEqualTo("Område 2 av 4 · fråga 11 av 28");
        assertThat(shown("area-1")).isFalse();
        assertThat(active().getAttribute("id")).isEqualTo("area-2-title");
        assertThat(active().getText()).isEqualTo("Kunskap");
        waitUntil(d -> status().matches("Sparad \\d\\d\\.\\d\\d"));
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(saved.answers().get(first).value()).isEqualTo("Varje månad");
        assertThat(saved.answers().get(first).childWords()).isEqualTo("Varje månad, det är lagom");
        assertThat(saved.answers().get(w.q("kontakt.antal_moten")).value()).isEqualTo("6");

        var knows = w.q("kunskap.vet_varfor");
        clickCentred(By.cssSelector("label[for='q" + knows + "-value']"));

        // The jump menu goes straight to the fourth area, and on to what comes after the questions.
        clickCentred(By.cssSelector(".area-nav__link[href='#area-4']"));
        assertThat(progress()).isEqualTo("Område 4 av 4 · fråga 25 av 28");
        assertThat(active().getAttribute("id")).isEqualTo("area-4-title");
        clickCentred(By.cssSelector("#area-4 .area-steps__next"));
        assertThat(progress()).isEqualTo("Efter frågorna · tid, utskrift och anteckningar");
        type(By.id("durationMinutes"), "55");
        type(By.id("notes"), "Vi satt i ett grupprum på biblioteket.");

        // Back to the first area: nothing typed is lost, and moving saved it.
        clickCentred(By.cssSelector(".area-nav__link[href='#area-1']"));
        waitUntil(d -> status().matches("Sparad \\d\\d\\.\\d\\d"));
        assertThat(driver.findElement(By.id("q" + first + "-value-1")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("q" + first + "-words")).getAttribute("value")).isEqualTo("Varje månad, det är lagom");
        assertThat(driver.findElement(By.id("durationMinutes")).getAttribute("value")).isEqualTo("55");

        // The whole form is one button away, and this browser remembers the choice for the person.
        clickCentred(By.id("whole-form-toggle"));
        assertThat(shown("area-2")).isTrue();
        assertThat(shown("about")).isTrue();
        assertThat(driver.findElement(By.id("area-progress")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("whole-form-toggle")).getText()).isEqualTo("Visa ett område i taget");
        var wholeForm = pageHeight();
        checkAtEveryWidth();
        atWidth(TABLET);
        driver.navigate().refresh();
        waitFor(By.id("whole-form-toggle"));
        assertThat(shown("area-3")).isTrue();
        clickCentred(By.id("whole-form-toggle"));
        assertThat(shown("area-3")).isFalse();
        driver.navigate().refresh();
        waitFor(By.id("area-progress"));
        assertThat(shown("area-3")).isFalse();
        System.out.printf("Interview page height at %d px: one area %d px, the whole form %d px%n", TABLET, oneArea, wholeForm);
        assertThat(oneArea).isLessThan(wholeForm / 2);

        // Complete, from the save bar.
        clickCentred(By.cssSelector("#interview-bar button[value=complete]"));
        driver.switchTo().alert().accept();
        waitUntil(d -> d.findElements(By.cssSelector("button[value=complete]")).isEmpty());
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Intervjun är markerad som klar");
        var complete = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(complete.complete()).isTrue();
        assertThat(complete.answers().get(knows).value()).isEqualTo("YES");
        assertThat(complete.durationMinutes()).isEqualTo(55);
        assertThat(complete.notes()).isEqualTo("Vi satt i ett grupprum på biblioteket.");

        // The interviewer's list fits every width too.
        open("/interviews");
        checkAtEveryWidth();
    }

    @Test
    void everyTouchTargetIsAtLeast44PixelsAndTheBarNeverCoversTheFocus() {
        var w = signedInOnTheInterview();
        for (var area : List.of("#area-1", "#about")) {
            clickCentred(By.cssSelector(".area-nav__link[href='" + area + "']"));
            var small = new ArrayList<String>();
            for (var target : driver.findElements(By.cssSelector(
                    ".interview-form .choices label, .area-nav__link, #whole-form-toggle, .area-steps .button, #interview-bar .button"))) {
                if (!target.isDisplayed()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                var box = (Map<String, Number>) js("const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height};", target);
                if (box.get("w").doubleValue() < 44 || box.get("h").doubleValue() < 44) {
                    small.add(target.getText().replace('\n', ' ') + " " + box);
                }
            }
            assertThat(small).as("touch targets smaller than 44 × 44 px in %s", area).isEmpty();
        }

        // Tab through the whole first area: the focused field is never under the sticky bar.
        clickCentred(By.cssSelector(".area-nav__link[href='#area-1']"));
        assertThat(active().getAttribute("id")).isEqualTo("area-1-title");
        var visited = 0;
        for (var i = 0; i < 80; i++) {
            active().sendKeys(Keys.TAB);
            var seen = focusAndBar();
            if (Boolean.TRUE.equals(seen.get("inBar"))) {
                break;
            }
            visited++;
            assertThat(seen.get("overlaps")).as("%s is under the save bar: %s", seen.get("id"), seen).isEqualTo(false);
        }
        assertThat(visited).as("fields tabbed through in the first area").isGreaterThan(25);

        // The safeguarding flag is always in the bar, by keyboard: from the middle of an area to the note.
        var middle = driver.findElement(By.id("q" + w.q("kontakt.valja_tid_plats") + "-words"));
        js("arguments[0].scrollIntoView({block: 'center'})", middle);
        middle.click();
        var flag = driver.findElement(By.id("bar-safeguarding"));
        @SuppressWarnings("unchecked")
        var flagBox = (Map<String, Number>) js("const r = arguments[0].getBoundingClientRect();"
                + " return {top: r.top, bottom: r.bottom, height: window.innerHeight};", flag);
        assertThat(flagBox.get("top").doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(flagBox.get("bottom").doubleValue()).isLessThanOrEqualTo(flagBox.get("height").doubleValue());
        for (var i = 0; i < 40 && !"bar-safeguarding".equals(active().getAttribute("id")); i++) {
            active().sendKeys(Keys.TAB);
        }
        assertThat(active().getAttribute("id")).isEqualTo("bar-safeguarding");
        active().sendKeys(Keys.ENTER);
        assertThat(active().getAttribute("id")).isEqualTo("note");
        active().sendKeys("Barnet berättade om bråk hemma");
        active().sendKeys(Keys.TAB);
        assertThat(active().getText()).isEqualTo("Flagga för möjlig orosanmälan");
        active().sendKeys(Keys.ENTER);
        waitUntil(d -> d.getPageSource().contains("Flaggan är skickad"));
        assertThat(driver.findElement(By.id("safeguarding")).getText()).contains("inte hanterad ännu");
        assertThat(TestFixtures.as(w.interviewer(), () -> safeguarding.raisedOn(w.interviewId()))).hasSize(1);
        assertNoAxeViolations();
    }

    @Test
    void theStatusLineTellsTheTruthAndSpararUtkastWaitsForTheSaveOnItsWay() {
        var w = signedInOnTheInterview();
        assertThat(status()).isEqualTo("Inte sparad ännu");
        holdAutosaves();
        var words = By.id("q" + w.q("kontakt.hur_ofta") + "-words");
        var other = By.id("q" + w.q("kontakt.onskad_kontakt") + "-words");

        // Leaving a field saves: while the answer is on its way the page says so, not "Sparad".
        type(words, "Oftare än nu");
        active().sendKeys(Keys.TAB);
        waitUntil(d -> heldAutosaves() == 1);
        assertThat(status()).isEqualTo("Sparar …");

        // The save fails: the status says it is not saved and tries again.
        js("window.__release(true);");
        waitUntil(d -> status().startsWith("Inte sparad – försöker igen"));
        assertThat(status()).doesNotStartWith("Sparad");
        waitUntil(d -> heldAutosaves() == 1);

        // "Spara utkast" pressed while that retry is on its way: nothing happens yet, nothing is lost.
        type(other, "Att hon ringer tillbaka");
        clickCentred(By.cssSelector("#interview-bar button[value=save]"));
        sleep(1500);
        assertThat(js("return window.__samePage === true;")).isEqualTo(true);
        assertThat(path()).isEqualTo("/interviews/" + w.interviewId());

        // The save gets through; then the pressed button is carried out with everything typed.
        js("window.__release(false);");
        waitUntil(d -> d.getPageSource().contains("Utkastet är sparat."));
        var before = LocalTime.now(AuditLog.ZONE).minusMinutes(1);
        assertThat(js("return window.__samePage === true;")).isEqualTo(false);
        assertThat(status()).matches("Sparad \\d\\d\\.\\d\\d");
        var now = LocalTime.now(AuditLog.ZONE);
        assertThat(status()).isIn("Sparad " + stockholmTime(before), "Sparad " + stockholmTime(now),
                "Sparad " + stockholmTime(before.plusMinutes(1)));
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(saved.answers().get(w.q("kontakt.hur_ofta")).childWords()).isEqualTo("Oftare än nu");
        assertThat(saved.answers().get(w.q("kontakt.onskad_kontakt")).childWords()).isEqualTo("Att hon ringer tillbaka");
        assertNoAxeViolations();
    }

    @Test
    void aRefusedSaveNamesTheQuestionAndTheFocusGoesToTheErrorSummary() {
        var w = signedInOnTheInterview();

        // An empty reflection is not "saved".
        open("/interviews/" + w.interviewId() + "/reflection");
        clickCentred(By.cssSelector("button[name=action][value=save]"));
        waitFor(By.id("reflection-notice"));
        assertThat(driver.findElement(By.id("reflection-notice")).getText()).startsWith("Inget är sparat");
        assertThat(driver.getPageSource()).doesNotContain("Reflektionen är sparad");
        assertNoAxeViolations();

        open("/interviews/" + w.interviewId());
        waitFor(By.id("area-progress"));
        var meetings = w.q("kontakt.antal_moten");
        type(By.id("q" + meetings + "-value"), "många");
        clickCentred(By.cssSelector(".area-nav__link[href='#about']"));
        type(By.id("durationMinutes"), "en timme");
        clickCentred(By.cssSelector("#interview-bar button[value=save]"));

        waitFor(By.id("error-summary"));
        assertThat(active().getAttribute("id")).isEqualTo("error-summary");
        var summary = driver.findElement(By.id("error-summary")).getText();
        assertThat(summary).contains("Fråga 2: Skriv ett heltal mellan 0 och 999.", "Skriv tiden som ett heltal");
        assertThat(status()).startsWith("Inte sparad");
        // The field's own error is tied to it, and the summary's link takes the focus there.
        var field = driver.findElement(By.id("q" + meetings + "-value"));
        assertThat(field.getAttribute("aria-describedby")).contains("q" + meetings + "-value-error");
        assertThat(field.getAttribute("value")).isEqualTo("många");
        assertThat(driver.findElement(By.id("q" + meetings + "-value-error")).getText()).isEqualTo("Skriv ett heltal mellan 0 och 999.");
        checkAtEveryWidth();
        driver.findElement(By.cssSelector("#error-summary a[href='#q" + meetings + "-value']")).click();
        assertThat(active().getAttribute("id")).isEqualTo("q" + meetings + "-value");
        assertThat(progress()).isEqualTo("Område 1 av 4 · fråga 2 av 28");
        driver.findElement(By.cssSelector("#error-summary a[href='#durationMinutes']")).click();
        assertThat(active().getAttribute("id")).isEqualTo("durationMinutes");
        assertThat(shown("area-1")).isFalse();

    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
