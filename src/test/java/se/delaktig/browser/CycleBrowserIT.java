package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.round.Stage;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;

/**
 * One thin round of the model, through the pages as people would use them: the process lead plans
 * a round, adds a child, records consent, is refused the child's own case worker as interviewer and
 * picks another; the interviewer fills in and completes the interview; the process lead sees the
 * counts and downloads the memo. axe checks every page on the way.
 */
@IntegrationTest
class CycleBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired Guides guides;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    /** The interview form has a sticky save bar; scroll a control to the middle, as a person would, before clicking. */
    private void clickCentred(By locator) {
        var element = driver.findElement(locator);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void aRoundFromPlanToMemo() throws Exception {
        var caseWorker = org.interviewerIds().get(0);
        var interviewer = org.interviewerIds().get(1);

        // Plan the round.
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/new");
        assertNoAxeViolations();
        fill(By.id("title"), "Barns röster i webbläsaren");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().matches("/rounds/\\d+"));
        var roundPath = path();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Barns röster i webbläsaren");
        assertThat(driver.findElement(By.cssSelector("[aria-current=step]")).getText()).contains("Planering");
        assertNoAxeViolations();

        // Add a child under a pseudonym, with the first interviewer as current case worker.
        driver.findElement(By.linkText("Lägg till ett barn")).click();
        waitFor(By.id("age"));
        assertNoAxeViolations();
        fill(By.id("age"), "11");
        fill(By.id("firstName"), "Saga");
        fill(By.id("contact"), "Mamma, telefon 070-000 99 99");
        driver.findElement(By.id("current-" + caseWorker)).click();
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().matches("/participants/\\d+"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Barn B01");
        assertThat(driver.getPageSource()).doesNotContain("Saga");
        assertNoAxeViolations();

        // Consent from the child and the guardians.
        driver.findElement(By.cssSelector("input[name=child][value=YES]")).click();
        driver.findElement(By.cssSelector("input[name=guardian1][value=YES]")).click();
        driver.findElement(By.cssSelector("input[name=guardian2][value=YES]")).click();
        driver.findElement(By.xpath("//button[normalize-space()='Spara svaren']")).click();
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().equals("Svaren är sparade. Läge: Har samtyckt."));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Svaren är sparade. Läge: Har samtyckt.");

        // The child's own case worker is refused, with the reason next to the field.
        new Select(driver.findElement(By.id("interviewerId"))).selectByValue(String.valueOf(caseWorker));
        driver.findElement(By.xpath("//button[normalize-space()='Spara intervjuaren']")).click();
        var refusal = waitFor(By.id("interviewerId-error"));
        assertThat(refusal.getText()).contains("är socialsekreterare för B01 och kan därför inte intervjua barnet");
        assertThat(driver.findElement(By.id("interviewerId")).getAttribute("aria-invalid")).isEqualTo("true");
        assertNoAxeViolations();

        new Select(driver.findElement(By.id("interviewerId"))).selectByValue(String.valueOf(interviewer));
        driver.findElement(By.xpath("//button[normalize-space()='Spara intervjuaren']")).click();
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().equals("Intervjuaren är sparad."));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Intervjuaren är sparad.");
        logout();

        // The interviewer enters the interview.
        login(org.interviewers().get(1), TestFixtures.PASSWORD);
        open("/interviews");
        assertNoAxeViolations();
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().matches("/interviews/\\d+"));
        assertNoAxeViolations();
        var guide = guides.find(guides.latest().orElseThrow().id()).orElseThrow();
        var changed = guide.questions().filter(q -> q.key().equals("kontakt.bytt_socialsekreterare")).findFirst().orElseThrow();
        clickCentred(By.cssSelector("input[name='answers[" + changed.id() + "].value'][value=YES]"));
        fill(By.id("q" + changed.id() + "-words"), "Jag har haft tre olika, det var jobbigt.");
        clickCentred(By.cssSelector("button[name=action][value=save]"));
        waitUntil(d -> driver.getPageSource().contains("Jag har haft tre olika"));
        clickCentred(By.cssSelector("button[name=action][value=complete]"));
        var confirm = driver.switchTo().alert();
        assertThat(confirm.getText()).startsWith("Markera intervjun som klar?");
        confirm.accept();
        waitUntil(d -> driver.findElements(By.cssSelector("button[name=action][value=complete]")).isEmpty());
        assertNoAxeViolations();
        logout();

        // The process lead sees the counts and downloads the memo.
        login(org.processLead(), TestFixtures.PASSWORD);
        open(roundPath + "/counts");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Ett av ett barn svarar ja");
        assertNoAxeViolations();
        // The round page links to the memo once the round has come to the report.
        var roundId = Long.parseLong(roundPath.substring(roundPath.lastIndexOf('/') + 1));
        roundSteps.put(roundId, Stage.REPORT);
        open(roundPath);
        driver.findElement(By.cssSelector("a[href$='/memo']")).click();
        waitFor(By.cssSelector("a[href$='/memo.pdf']"));
        roundSteps.put(roundId, Stage.PLANNING);
        var memo = download(By.cssSelector("a[href$='/memo.pdf']"));
        assertThat(memo.status()).isEqualTo(200);
        assertThat(memo.contentType()).startsWith("application/pdf");
        try (var pdf = Loader.loadPDF(memo.body())) {
            var text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Förslag till beslut", "Konsekvenser för barn", "Barns röster i webbläsaren");
            assertThat(text).doesNotContain("Saga");
        }
    }
}
