package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CaptureWorld;
import se.delaktig.interview.Interviews;

/**
 * The interview form saves itself while the interviewer types, and survives the server dropping out
 * of reach: nothing typed is lost, the page says what is happening, and it saves once the connection
 * is back.
 */
@IntegrationTest
class InterviewCaptureBrowserIT extends BrowserTest {

    /** Long enough for the backoff between retries after the connection comes back. */
    private static final Duration RECONNECT_PATIENCE = Duration.ofSeconds(45);

    @Autowired CaptureWorld worlds;
    @Autowired Interviews interviews;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @AfterEach
    void online() {
        network(false);
    }

    /** Chrome's own network emulation: offline cuts every request from the page, as a lost Wi-Fi would. */
    private void network(boolean offline) {
        var cdp = (ChromiumDriver) driver;
        cdp.executeCdpCommand("Network.enable", Map.of());
        cdp.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
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

    private String status() {
        return driver.findElement(By.id("autosave-status")).getText();
    }

    @Test
    void anInterviewSurvivesADroppedConnection() {
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId());
        waitFor(By.id("autosave-status"));
        assertThat(driver.findElement(By.cssSelector("label[for=q" + w.smiley() + "-value]")).getText()).contains("1 – mycket ledsen");
        assertNoAxeViolations();

        // Typing, then a pause: the draft is saved without pressing anything.
        typeInto(By.id("q" + w.freeText() + "-words"), "Att de lyssnar på riktigt");
        driver.findElement(By.id("q" + w.smiley() + "-value-3")).click();
        waitUntil(d -> status().startsWith("Sparad "));
        assertThat(status()).matches("Sparad \\d\\d\\.\\d\\d");

        // The server drops out of reach mid-interview; the interviewer keeps typing.
        network(true);
        toTheFieldsAfterTheQuestions();
        typeInto(By.id("notes"), "Skrivet medan nätet var borta");
        typeInto(By.id("transcript"), "I: Hur var det?\nB: Bra.");
        typeInto(By.id("durationMinutes"), "50");
        waitUntil(d -> status().startsWith("Inte sparad – försöker igen"));
        assertThat(status()).contains("det du skrivit finns kvar här");
        assertThat(driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Skrivet medan nätet var borta");
        assertNoAxeViolations();

        // Back online: the page saves by itself.
        network(false);
        new WebDriverWait(driver, RECONNECT_PATIENCE).until(d -> status().startsWith("Sparad "));

        // Reloading shows everything typed, before and during the outage.
        driver.navigate().refresh();
        waitFor(By.id("autosave-status"));
        assertThat(driver.findElement(By.id("q" + w.freeText() + "-words")).getAttribute("value")).isEqualTo("Att de lyssnar på riktigt");
        assertThat(driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Skrivet medan nätet var borta");
        assertThat(driver.findElement(By.id("transcript")).getAttribute("value")).isEqualTo("I: Hur var det?\nB: Bra.");
        assertThat(driver.findElement(By.id("durationMinutes")).getAttribute("value")).isEqualTo("50");
        assertThat(driver.findElement(By.id("q" + w.smiley() + "-value-3")).isSelected()).isTrue();
        var saved = TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId()));
        assertThat(saved.notes()).isEqualTo("Skrivet medan nätet var borta");
        assertThat(saved.answers().get(w.smiley()).value()).isEqualTo("4");
    }

    @Test
    void aSecondTabIsToldAboutTheConflictAndOverwritesNothing() {
        var w = worlds.create();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId());
        toTheFieldsAfterTheQuestions();
        waitFor(By.id("notes"));
        // Meanwhile the same interview is saved elsewhere (another tab, another device).
        TestFixtures.run(w.interviewer(), () -> interviews.save(w.interviewId(), 0, java.util.List.of(), "Från den andra fliken"));

        typeInto(By.id("notes"), "Från den här fliken");
        waitUntil(d -> status().contains("annan flik"));
        assertThat(driver.findElement(By.cssSelector("#autosave-status a")).getAttribute("target")).isEqualTo("_blank");
        assertThat(driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Från den här fliken");
        assertNoAxeViolations();
        assertThat(TestFixtures.as(w.interviewer(), () -> interviews.get(w.interviewId())).notes()).isEqualTo("Från den andra fliken");
    }
}
