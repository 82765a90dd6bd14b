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
import se.delaktig.round.Stage;
import se.delaktig.TestFixtures;
import se.delaktig.report.MemoWorld;

/**
 * The process lead writes the memo: opens the prefilled draft from the round, edits a section,
 * saves two versions, compares them, and downloads the Word and PDF documents – in Swedish and in
 * English, with axe on every page.
 */
@IntegrationTest
class MemoBrowserIT extends BrowserTest {

    @Autowired MemoWorld memoWorld;
    @Autowired se.delaktig.RoundSteps roundSteps;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void click(By locator) {
        var element = driver.findElement(locator);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void theLeadEditsSavesComparesAndDownloadsTheMemo() throws Exception {
        var w = memoWorld.create();
        login(w.lead(), TestFixtures.PASSWORD);
        // The round page links to this page once the round has come to its step.
        roundSteps.put(w.roundId(), Stage.REPORT);
        open("/rounds/" + w.roundId());
        click(By.linkText("Tjänsteskrivelse till nämnden: utkast och versioner"));
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/memo"));
        roundSteps.put(w.roundId(), Stage.PLANNING);
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Tjänsteskrivelse:");
        assertThat(driver.findElement(By.id("memo-status")).getText()).contains("Ingen version är sparad ännu.");
        assertThat(driver.findElement(By.id("matter")).getAttribute("value"))
                .contains(MemoWorld.THEME + ": båda barnen", MemoWorld.APPROVED, MemoWorld.PROPOSAL)
                .doesNotContain(MemoWorld.CANDIDATE);
        assertThat(driver.findElement(By.cssSelector("label[for=economy]")).getText()).isEqualTo("Ekonomiska konsekvenser");
        assertNoAxeViolations();

        // A mistake first: an identity number is refused in the field it was typed in, and the text stays.
        fill(By.id("children"), "Barnet 150312-1236 berättade.");
        click(By.xpath("//button[normalize-space()='Spara som ny version']"));
        waitUntil(d -> d.getPageSource().contains("Ta bort personnumret ur ”Konsekvenser för barn”"));
        assertThat(driver.findElement(By.id("children")).getAttribute("aria-describedby")).contains("children-error");
        assertThat(driver.findElement(By.id("children")).getAttribute("value")).isEqualTo("Barnet 150312-1236 berättade.");
        assertNoAxeViolations();

        // The first version, with a comment.
        fill(By.id("children"), "Barnen får återkoppling om vad deras svar ledde till.");
        fill(By.id("economy"), "Förändringarna ryms i enhetens budget.");
        fill(By.id("comment"), "Första genomläsningen");
        click(By.xpath("//button[normalize-space()='Spara som ny version']"));
        waitUntil(d -> d.getPageSource().contains("Version 1 är sparad."));
        assertThat(driver.findElement(By.id("memo-status")).getText()).contains("Du redigerar version 1");

        // The second version changes one sentence.
        fill(By.id("economy"), "Förändringarna kostar inget extra.");
        click(By.xpath("//button[normalize-space()='Spara som ny version']"));
        waitUntil(d -> d.getPageSource().contains("Version 2 är sparad."));
        var versions = driver.findElement(By.cssSelector("#versions table")).getText();
        assertThat(versions).contains("Första genomläsningen", "Petra Processledare");
        assertThat(driver.findElements(By.cssSelector("#versions tbody tr"))).hasSize(2);
        assertNoAxeViolations();

        // Compare version 1 with version 2.
        new Select(driver.findElement(By.id("from"))).selectByVisibleText("1");
        new Select(driver.findElement(By.id("to"))).selectByVisibleText("2");
        click(By.xpath("//button[normalize-space()='Jämför']"));
        waitUntil(d -> path().endsWith("/memo/compare"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Jämför version 1 och 2");
        var economy = driver.findElement(By.id("diff-economy")).findElement(By.xpath(".."));
        assertThat(economy.findElement(By.tagName("del")).getText()).contains("borttaget:");
        assertThat(economy.findElements(By.tagName("del"))).anyMatch(e -> e.getText().contains("ryms"));
        assertThat(economy.findElements(By.tagName("ins"))).anyMatch(e -> e.getText().contains("tillagt:") && e.getText().contains("kostar"));
        assertThat(driver.findElement(By.id("diff-proposal")).findElement(By.xpath("..")).getText()).contains("Oförändrat.");
        assertNoAxeViolations();

        // Downloads of the latest version from the memo page, and of version 1 from the list.
        click(By.linkText("Till tjänsteskrivelsen"));
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/memo"));
        var docx = download(By.cssSelector("a[href$='/memo.docx']"));
        assertThat(docx.status()).isEqualTo(200);
        assertThat(docx.contentType()).startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(docx.contentDisposition()).contains("version-2.docx");
        var pdf = download(By.cssSelector("a[href$='/memo.pdf']"));
        assertThat(pdf.status()).isEqualTo(200);
        try (var document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Förändringarna kostar inget extra.");
        }
        var first = download(By.cssSelector("a[aria-label='Ladda ner version 1 som PDF']"));
        try (var document = Loader.loadPDF(first.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Förändringarna ryms i enhetens budget.");
        }

        // The same pages in English.
        open("/rounds/" + w.roundId() + "/memo?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Memo to the committee:");
        assertThat(driver.findElement(By.cssSelector("label[for=economy]")).getText()).isEqualTo("Financial consequences");
        assertThat(driver.findElement(By.id("memo-status")).getText()).contains("You are editing version 2");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "/memo/compare?from=1&to=2");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Compare version 1 and 2");
        assertThat(driver.findElement(By.id("diff-economy")).findElement(By.xpath("..")).findElement(By.tagName("ins")).getText())
                .contains("added:");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "?lang=sv");
    }
}
