package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.SessionKeepAlive;
import se.delaktig.interview.CaptureWorld;
import se.delaktig.interview.Interviews;

/**
 * A session that ends in the middle of an interview loses nothing: the page says so in place, the
 * interviewer signs in again in a new tab, and the page saves what was typed by itself. While the
 * form is in use, the page keeps the session alive, and it stops doing so after the keep-alive window.
 */
@IntegrationTest
class SessionBrowserIT extends BrowserTest {

    private static final String ENDED = "Din inloggning har gått ut";

    @Autowired CaptureWorld worlds;
    @Autowired Interviews interviews;
    @Autowired JdbcClient jdbc;
    @Autowired SessionKeepAlive keepAlive;

    private Duration pingInterval;
    private Duration keepAliveWindow;

    @BeforeEach
    void signedOut() {
        pingInterval = keepAlive.getPingInterval();
        keepAliveWindow = keepAlive.getKeepAliveWindow();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @AfterEach
    void restore() {
        keepAlive.setPingInterval(pingInterval);
        keepAlive.setKeepAliveWindow(keepAliveWindow);
        var handles = new ArrayList<>(driver.getWindowHandles());
        for (var handle : handles.subList(1, handles.size())) {
            driver.switchTo().window(handle).close();
        }
        driver.switchTo().window(handles.get(0));
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** What a server restart, a logout in another tab or the timeout leaves behind: no session rows. */
    private void endSessionsOf(String username) {
        var ended = jdbc.sql("delete from spring_session where principal_name = ?").param(username).update();
        assertThat(ended).isPositive();
    }

    private Long lastAccess(String username) {
        return jdbc.sql("select max(last_access_time) from spring_session where principal_name = ?")
                .param(username).query(Long.class).single();
    }

    private void typeInto(By field, String text) {
        var element = driver.findElement(field);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.sendKeys(text);
    }

    /** The form shows one area at a time: the jump menu leads to the fields after the guide's questions. */
    private void toTheFieldsAfterTheQuestions() {
        var link = driver.findElement(By.cssSelector(".area-nav__link[href='#about']"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", link);
        link.click();
    }

    private String banner() {
        return driver.findElement(By.id("session-message")).getText();
    }

    private String autosave() {
        return driver.findElement(By.id("autosave-status")).getText();
    }

    private WebElement dialog() {
        return driver.findElement(By.id("session-dialog"));
    }

    /** Opens the sign-in link of the dialog, signs in as the given person there, and comes back. */
    private void signInAgainInNewTab(String username) {
        var original = driver.getWindowHandle();
        driver.findElement(By.id("session-new-tab")).click();
        waitUntil(d -> d.getWindowHandles().size() == 2);
        var tab = driver.getWindowHandles().stream().filter(h -> !h.equals(original)).findFirst().orElseThrow();
        driver.switchTo().window(tab);
        waitUntil(d -> path().equals("/login"));
        fill(By.id("username"), username);
        fill(By.id("password"), TestFixtures.PASSWORD);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> !path().equals("/login"));
        driver.close();
        driver.switchTo().window(original);
    }

    @Test
    void aSessionThatEndsMidInterviewLosesNothingTyped() {
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId());
        typeInto(By.id("q" + w.freeText() + "-words"), "Att de lyssnar");
        waitUntil(d -> autosave().startsWith("Sparad "));

        // The session ends on the server while the interviewer listens; then she types on and saves.
        endSessionsOf(w.interviewer());
        driver.findElement(By.id("q" + w.smiley() + "-value-3")).click();
        toTheFieldsAfterTheQuestions();
        typeInto(By.id("notes"), "Skrivet efter att sessionen tog slut");
        typeInto(By.id("transcript"), "I: Vad önskar du?\nB: Att någon ringer tillbaka.");
        waitUntil(d -> banner().startsWith(ENDED));
        assertThat(banner()).contains("finns kvar här på sidan");
        assertThat(autosave()).startsWith("Inte sparat: inloggningen har gått ut.");
        assertThat(driver.findElement(By.id("session-message")).getAttribute("aria-live")).isEqualTo("assertive");
        assertNoAxeViolations();

        // Pressing "Spara utkast" does not leave the page: the dialog offers to sign in again.
        var save = driver.findElement(By.cssSelector("button[name=action][value=save]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        waitUntil(d -> dialog().isDisplayed());
        assertThat(path()).isEqualTo("/interviews/" + w.interviewId());
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("session-new-tab");
        assertThat(driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Skrivet efter att sessionen tog slut");
        for (var width : new int[] {1280, 820, 390}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            waitUntil(d -> dialog().isDisplayed());
            var box = dialog().getRect();
            var viewport = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth")).intValue();
            assertThat(box.getX()).as("dialog inside the viewport at %d px", width).isGreaterThanOrEqualTo(0);
            assertThat(box.getX() + box.getWidth()).as("dialog inside the viewport at %d px", width).isLessThanOrEqualTo(viewport);
            for (var id : new String[] {"session-new-tab", "session-check", "session-close"}) {
                var button = driver.findElement(By.id(id)).getRect();
                assertThat(button.getX() + button.getWidth()).as("%s at %d px", id, width).isLessThanOrEqualTo(box.getX() + box.getWidth());
            }
            assertNoAxeViolations();
        }
        driver.manage().window().setSize(new Dimension(1280, 1000));

        // Escape closes the dialog and gives the focus back to the button that opens it again.
        dialog().sendKeys(Keys.ESCAPE);
        waitUntil(d -> !dialog().isDisplayed());
        // The dialog's close event, which moves the focus, comes a moment after the dialog is gone.
        waitUntil(d -> "session-sign-in".equals(d.switchTo().activeElement().getAttribute("id")));
        // "I have signed in" before signing in: the dialog says it is not so.
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> dialog().isDisplayed());
        driver.findElement(By.id("session-check")).click();
        waitUntil(d -> driver.findElement(By.id("session-dialog-status")).getText().startsWith("Du är fortfarande inte inloggad"));

        // Signing in again in a new tab: back on the page, the draft and the pressed "Spara utkast" are sent by
        // themselves, and the page says it saved.
        signInAgainInNewTab(w.interviewer());
        waitUntil(d -> d.getPageSource().contains("Utkastet är sparat."));
        assertThat(path()).isEqualTo("/interviews/" + w.interviewId());
        assertNoAxeViolations();

        driver.navigate().refresh();
        waitFor(By.id("autosave-status"));
        assertThat(driver.findElement(By.id("q" + w.freeText() + "-words")).getAttribute("value")).isEqualTo("Att de lyssnar");
        assertThat(driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Skrivet efter att sessionen tog slut");
        assertThat(driver.findElement(By.id("transcript")).getAttribute("value")).isEqualTo("I: Vad önskar du?\nB: Att någon ringer tillbaka.");
        assertThat(driver.findElement(By.id("q" + w.smiley() + "-value-3")).isSelected()).isTrue();
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(saved.notes()).isEqualTo("Skrivet efter att sessionen tog slut");
    }

    @Test
    void theReflectionIsSentByItselfOnceSignedInAgain() {
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId() + "/reflection");
        waitFor(By.id("reflection-learnt"));
        assertNoAxeViolations();
        endSessionsOf(w.interviewer());
        typeInto(By.id("reflection-learnt"), "Att barnet ville bli ringt tillbaka");
        var save = driver.findElement(By.cssSelector("button[name=action][value=save]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        waitUntil(d -> dialog().isDisplayed());
        assertThat(banner()).startsWith(ENDED);
        assertThat(path()).endsWith("/reflection");

        signInAgainInNewTab(w.interviewer());
        waitUntil(d -> path().equals("/interviews/" + w.interviewId()));
        waitUntil(d -> d.getPageSource().contains("Reflektionen är sparad."));
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId())).reflection().learnt())
                .isEqualTo("Att barnet ville bli ringt tillbaka");
    }

    @Test
    void withoutTheScriptAPostAfterTheSessionEndedShowsWhatWasTyped() {
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId() + "/reflection");
        waitFor(By.id("reflection-learnt"));
        // As without JavaScript: the form is posted as it is.
        ((JavascriptExecutor) driver).executeScript("document.querySelector('form[data-session-guarded]').removeAttribute('data-session-guarded')");
        endSessionsOf(w.interviewer());
        typeInto(By.id("reflection-change"), "Ringa tillbaka samma dag");
        var save = driver.findElement(By.cssSelector("button[name=action][value=save]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        waitUntil(d -> driver.findElement(By.tagName("h1")).getText().equals("Inloggningen har gått ut"));
        assertThat(driver.findElement(By.id("sent-1")).getAttribute("value")).isEqualTo("Ringa tillbaka samma dag");
        assertNoAxeViolations();
    }

    @Test
    void someoneElseSigningInGetsNothingSavedInTheirName() {
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId());
        toTheFieldsAfterTheQuestions();
        waitFor(By.id("notes"));
        endSessionsOf(w.interviewer());
        typeInto(By.id("notes"), "Bara för den som intervjuar");
        driver.findElement(By.id("transcript")).click();
        waitUntil(d -> banner().startsWith(ENDED));

        driver.findElement(By.id("session-sign-in")).click();
        waitUntil(d -> dialog().isDisplayed());
        signInAgainInNewTab(w.otherInterviewer());
        waitUntil(d -> banner().startsWith("En annan person är inloggad"));
        assertThat(banner()).contains(w.interviewer());
        assertThat(driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Bara för den som intervjuar");
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId())).notes()).isNull();
        assertNoAxeViolations();

        // The interviewer signs in again herself: the background save takes up where it stopped.
        assertThat(dialog().isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("session-dialog-status")).getText()).startsWith("En annan person är inloggad");
        signInAgainInNewTab(w.interviewer());
        waitUntil(d -> banner().equals("Du är inloggad igen och det du skrivit är sparat."));
        assertThat(autosave()).startsWith("Sparad ");
        assertThat(dialog().isDisplayed()).isFalse();
        assertNoAxeViolations();
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId())).notes()).isEqualTo("Bara för den som intervjuar");
    }

    @Test
    void theFormKeepsTheSessionAliveWhileInUseAndStopsAfterTheWindow() {
        keepAlive.setPingInterval(Duration.ofSeconds(1));
        keepAlive.setKeepAliveWindow(Duration.ofSeconds(4));
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId());
        waitFor(By.id("autosave-status"));
        assertThat(driver.findElement(By.id("session-guard")).getAttribute("data-ping-ms")).isEqualTo("1000");

        // Opening the page is use: without any request of its own, the session's last access moves.
        var opened = lastAccess(w.interviewer());
        new WebDriverWait(driver, PATIENCE).until(d -> lastAccess(w.interviewer()) > opened);

        // Four seconds without use: the pings stop, and the last access stays where it is.
        new WebDriverWait(driver, PATIENCE).pollingEvery(Duration.ofMillis(500)).until(d -> {
            var before = lastAccess(w.interviewer());
            sleep(2500);
            return lastAccess(w.interviewer()).equals(before);
        });
        var idle = lastAccess(w.interviewer());
        sleep(2500);
        assertThat(lastAccess(w.interviewer())).isEqualTo(idle);

        // Using the page again (a pointer on the heading) starts them again at once.
        driver.findElement(By.tagName("h1")).click();
        new WebDriverWait(driver, PATIENCE).until(d -> lastAccess(w.interviewer()) > idle);
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
