package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.CodingWorld;

/**
 * Blind double coding from start to report: the process lead starts a pass, each coder codes on their
 * own blind page and marks Klar, and then the report shows kappa and the disagreement – in Swedish and
 * in English, with axe on every page.
 */
@IntegrationTest
class DoubleCodingBrowserIT extends BrowserTest {

    @Autowired CodingWorld worlds;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired Codebooks codebooks;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void twoCodersCodeBlindMarkKlarAndSeeTheAgreement() {
        var w = worlds.create();
        var x = codeId(w, "Byte av socialsekreterare");
        var y = codeId(w, "Tid och plats för möten");

        // The process lead starts the pass from the round page.
        login(w.org().processLead(), TestFixtures.PASSWORD);
        // The round page links to double coding once the round has come to the analysis; the rest of the
        // test runs with the round where its world built it.
        var step = roundSteps.put(w.roundId(), se.delaktig.round.Stage.ANALYSIS);
        open("/rounds/" + w.roundId());
        driver.findElement(By.cssSelector("a[href='/rounds/" + w.roundId() + "/double-coding']")).click();
        roundSteps.put(w.roundId(), step);
        waitFor(By.id("firstCoderId"));
        assertNoAxeViolations();
        // The same person twice is told on the field.
        new Select(driver.findElement(By.id("firstCoderId"))).selectByValue(String.valueOf(w.org().interviewerIds().get(0)));
        new Select(driver.findElement(By.id("secondCoderId"))).selectByValue(String.valueOf(w.org().interviewerIds().get(0)));
        driver.findElement(By.cssSelector("form[action$='/double-coding'] button[type=submit]")).click();
        waitFor(By.id("secondCoderId-error"));
        assertThat(driver.findElement(By.id("secondCoderId-error")).getText()).contains("Välj en annan person");
        assertNoAxeViolations();
        new Select(driver.findElement(By.id("secondCoderId"))).selectByValue(String.valueOf(w.org().interviewerIds().get(1)));
        driver.findElement(By.cssSelector("form[action$='/double-coding'] button[type=submit]")).click();
        waitUntil(d -> path().matches("/rounds/" + w.roundId() + "/double-coding/\\d+"));
        var passPath = path();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Hur långt har kodarna kommit?");
        assertNoAxeViolations();
        logout();

        // The first coder codes the beginning of child A's words with X, and says Klar.
        login(w.interviewer(), TestFixtures.PASSWORD);
        open(passPath + "/coding");
        waitFor(By.id("coding-form"));
        assertNoAxeViolations();
        codeSpan(w.interviewA(), "Jag har haft tre olika socialsekreterare", x);
        driver.findElement(By.id("mark-done")).click();
        waitFor(By.id("undo-done"));
        assertThat(driver.findElement(By.cssSelector(".blind-coding__state")).getText()).contains("inte klar ännu");
        assertNoAxeViolations();
        logout();

        // The second coder sees none of that, codes A the same and B with X too, and says Klar.
        login(w.otherInterviewer(), TestFixtures.PASSWORD);
        open(passPath + "/coding");
        waitFor(By.id("coding-form"));
        assertThat(driver.findElements(By.cssSelector("li.coding-segment"))).isEmpty();
        codeSpan(w.interviewA(), "Jag har haft tre olika socialsekreterare", x);
        codeSpan(w.interviewB(), "Det var bra att träffas på fritidsgården", y);
        assertThat(driver.findElements(By.cssSelector("li.coding-segment"))).hasSize(2);
        driver.findElement(By.id("mark-done")).click();

        // Both are done: the report.
        waitUntil(d -> path().equals(passPath));
        waitFor(By.id("overall-kappa"));
        // Pooled over six units, five agreed: kappa (5/6 − 22/36)/(1 − 22/36) = 0.57.
        assertThat(driver.findElement(By.id("overall-kappa")).getText()).isEqualTo("0,57");
        assertThat(driver.findElement(By.id("code-" + x + "-kappa")).getText()).isEqualTo("1,00");
        assertThat(driver.findElement(By.id("code-" + x + "-percent")).getText()).isEqualTo("100 %");
        var disagreement = driver.findElement(By.cssSelector(".agreement__disagreement"));
        assertThat(disagreement.getText()).contains("Tid och plats för möten")
                .contains("Ivar Intervjuare använde koden ”Tid och plats för möten” i texten, Ida Intervjuare gjorde det inte.");
        // The whole text with the span highlighted opens from the keyboard.
        var summary = disagreement.findElement(By.tagName("summary"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", summary);
        summary.sendKeys(Keys.ENTER);
        waitUntil(d -> disagreement.findElement(By.tagName("mark")).isDisplayed());
        assertThat(disagreement.findElement(By.tagName("mark")).getText()).isEqualTo("Det var bra att träffas på fritidsgården");
        assertNoAxeViolations();

        // In English.
        open(passPath + "?lang=en");
        waitFor(By.id("overall-kappa"));
        assertThat(driver.findElement(By.id("overall-kappa")).getText()).isEqualTo("0.57");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Disagreements to discuss").contains("Cohen's kappa");
        assertNoAxeViolations();
        open(passPath + "/coding?lang=en");
        waitFor(By.cssSelector(".blind-coding__state"));
        assertNoAxeViolations();
        open(passPath + "?lang=sv");
        logout();

        // The process lead includes it in the analysis.
        login(w.org().processLead(), TestFixtures.PASSWORD);
        open(passPath);
        waitFor(By.id("adopt")).click();
        waitUntil(d -> driver.findElement(By.tagName("main")).getText().contains("Kodningen är tagen med i analysen: 2 nya avsnitt"));
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "/codes/" + y);
        assertThat(driver.findElement(By.cssSelector(".code-page__children")).getText()).isEqualTo("1 barn");
    }

    private void codeSpan(long interviewId, String words, long codeId) {
        var js = (JavascriptExecutor) driver;
        var area = textOf(interviewId);
        QualitativeCodingBrowserIT.select(area, words);
        var pick = driver.findElement(By.cssSelector("button.coding-text__pick[data-for='" + area.getAttribute("id") + "']"));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", pick);
        pick.click();
        waitUntil(d -> driver.findElement(By.id("coding-selection")).getText().contains(words));
        var box = driver.findElement(By.id("pick-" + codeId));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.sendKeys(Keys.SPACE);
        var save = driver.findElement(By.cssSelector("#coding-form button[type=submit]"));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        var list = driver.findElement(By.id(area.getAttribute("data-list")));
        waitUntil(d -> list.getText().contains("”" + words + "”"));
    }

    private WebElement textOf(long interviewId) {
        return driver.findElements(By.cssSelector(".coding-text__body")).stream()
                .filter(t -> t.getAttribute("data-source").startsWith(interviewId + ":CHILD_WORDS:")
                        && !t.getAttribute("data-source").startsWith(interviewId + ":CHILD_WORDS::"))
                .findFirst().orElseThrow();
    }

    private long codeId(CodingWorld.World w, String name) {
        return TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
    }
}
