package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CaptureWorld;

/**
 * A safeguarding flag goes from the interviewer straight to the process lead's notice list – and
 * nowhere near the counts.
 */
@IntegrationTest
class SafeguardingBrowserIT extends BrowserTest {

    @Autowired CaptureWorld worlds;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void clickCentred(By locator) {
        var element = driver.findElement(locator);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void aFlagReachesTheNoticeListButNotTheCounts() {
        var w = worlds.create();
        var note = "Barnet sa något om hemmet " + w.org().suffix();

        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/interviews/" + w.interviewId());
        waitFor(By.id("note"));
        driver.findElement(By.id("note")).sendKeys(note);
        clickCentred(By.xpath("//button[normalize-space()='Flagga för möjlig orosanmälan']"));
        waitUntil(d -> driver.getPageSource().contains("Flaggan är skickad"));
        assertThat(driver.findElement(By.id("safeguarding")).getText()).contains("inte hanterad ännu").doesNotContain(note);
        assertNoAxeViolations();
        logout();

        login(w.org().processLead(), TestFixtures.PASSWORD);
        open("/notices");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Notiser");
        var card = driver.findElement(By.cssSelector("article.notice-card"));
        assertThat(card.getText()).contains("Möjlig orosanmälan – B01", note, w.roundTitle(), "Ida Intervjuare",
                "verksamhetssystemet");
        assertNoAxeViolations();

        open("/rounds/" + w.roundId() + "/counts");
        assertThat(driver.getPageSource()).doesNotContain(note).doesNotContain("orosanmälan");

        open("/notices");
        clickCentred(By.cssSelector("article.notice-card button[type=submit]"));
        waitUntil(d -> driver.getPageSource().contains("Notisen är markerad som hanterad."));
        assertThat(driver.findElements(By.cssSelector("article.notice-card"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("table")).getText()).contains("B01", "Petra Processledare");
        assertNoAxeViolations();
    }
}
