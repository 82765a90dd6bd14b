package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;

/**
 * A process lead edits a guide version that a round uses: the change lands in a new version, the
 * used one stays as it was, and the comparison page shows what changed. Axe runs on every page.
 */
@IntegrationTest
class GuideEditorBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired Guides guides;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void clickCentred(By locator) {
        var element = driver.findElement(locator);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void editingAUsedGuideMakesANewVersionWhoseChangesTheComparisonShows() throws Exception {
        var usedId = fixtures.smallGuide();
        guides.lock(usedId); // as RoundService does when a round starts using the version
        var used = guides.find(usedId).orElseThrow();
        var often = used.question("kontakt.hur_ofta").orElseThrow();

        login(org.processLead(), TestFixtures.PASSWORD);
        open("/guides");
        assertNoAxeViolations();
        open("/guides/" + usedId);
        assertThat(driver.findElement(By.cssSelector(".guide__status .badge")).getText()).isEqualTo("Låst");
        assertNoAxeViolations();
        var pdf = download(By.cssSelector("a[href='/guides/" + usedId + ".pdf']"));
        assertThat(pdf.status()).isEqualTo(200);
        try (var document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Kontakt", "Hur ofta träffar du din socialsekreterare?");
        }

        clickCentred(By.cssSelector("a[href='/guides/" + usedId + "/edit']"));
        waitFor(By.id("guide-status"));
        assertThat(driver.findElement(By.id("guide-status")).getText()).contains("skapar version 2");
        assertNoAxeViolations();

        // Change the question: a mistake first (a multiple-choice question with one option) …
        clickCentred(By.cssSelector("a[href='/guides/" + usedId + "/questions/" + often.id() + "/edit']"));
        waitFor(By.id("text"));
        assertNoAxeViolations();
        fill(By.id("text"), "Hur ofta träffar du din socialsekreterare nu för tiden?");
        new Select(driver.findElement(By.id("type"))).selectByValue("MULTIPLE_CHOICE");
        fill(By.id("options"), "Varje vecka");
        clickCentred(By.cssSelector("main form button[type=submit]"));
        waitFor(By.id("options-error"));
        assertThat(driver.findElement(By.id("text")).getAttribute("value")).isEqualTo("Hur ofta träffar du din socialsekreterare nu för tiden?");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("options");
        assertNoAxeViolations();

        // … then put right, and saved into a new version.
        fill(By.id("options"), "Varje vecka\nVarje månad\nMer sällan\nAldrig");
        clickCentred(By.cssSelector("main form button[type=submit]"));
        waitUntil(d -> path().endsWith("/edit") && !path().equals("/guides/" + usedId + "/edit"));
        var newId = guides.latestVersionOf(usedId).orElseThrow().id();
        assertThat(path()).isEqualTo("/guides/" + newId + "/edit");
        assertThat(driver.findElement(By.cssSelector(".notice--success")).getText())
                .contains("Version 1 används och ändrades inte", "version 2");
        assertNoAxeViolations();

        // Delete a question in the new draft; the browser asks first.
        var wish = guides.find(newId).orElseThrow().question("kontakt.onskan").orElseThrow();
        clickCentred(By.cssSelector("form[action='/guides/" + newId + "/questions/" + wish.id() + "/delete'] button"));
        var confirm = driver.switchTo().alert();
        assertThat(confirm.getText()).startsWith("Ta bort frågan");
        confirm.accept();
        waitUntil(d -> driver.findElements(By.id("question-" + wish.id())).isEmpty());

        // Child wording, with Arabic right to left.
        var changed = guides.find(newId).orElseThrow().question("kontakt.hur_ofta").orElseThrow();
        clickCentred(By.cssSelector("a[href='/guides/" + newId + "/questions/" + changed.id() + "/wording']"));
        waitFor(By.id("wording-ar-all"));
        assertThat(driver.findElement(By.id("wording-ar-all")).getAttribute("dir")).isEqualTo("rtl");
        fill(By.id("wording-sv-5-8"), "Hur ofta ses du och din socialsekreterare?");
        assertNoAxeViolations();
        clickCentred(By.cssSelector("main form.guide-wording__form button[type=submit]"));
        waitFor(By.cssSelector(".notice--success"));
        assertThat(guides.find(newId).orElseThrow().question(changed.id()).orElseThrow().textFor(6, "sv"))
                .isEqualTo("Hur ofta ses du och din socialsekreterare?");
        assertNoAxeViolations();

        // The comparison with the used version.
        open("/guides/" + newId + "/edit");
        clickCentred(By.cssSelector("a[href='/guides/" + usedId + "/compare/" + newId + "']"));
        waitFor(By.id("change-kontakt.hur_ofta"));
        var row = driver.findElement(By.id("change-kontakt.hur_ofta")).getText();
        assertThat(row).contains("Ändrad", "Frågans text", "Svarstyp", "Hur ofta träffar du din socialsekreterare nu för tiden?",
                "Flera svarsalternativ");
        assertThat(driver.findElement(By.id("change-kontakt.onskan")).getText()).contains("Borttagen");
        assertNoAxeViolations();

        // The used version is exactly as it was.
        assertThat(guides.find(usedId).orElseThrow()).isEqualTo(used);
    }
}
