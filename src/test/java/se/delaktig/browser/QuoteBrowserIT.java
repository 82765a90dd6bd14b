package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.round.Stage;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.ApprovedQuote;
import se.delaktig.analysis.QuoteWorld;
import se.delaktig.analysis.Quotes;

/**
 * From a coded span to an approved quote: code part of a child's words on the coding page, mark it
 * as a quote without reloading, see the child's first name and a staff name flagged on the quote
 * page, replace them with the keyboard and approve. The place list page passes axe too.
 */
@IntegrationTest
class QuoteBrowserIT extends BrowserTest {

    private static final String SPAN = "Selma tycker att Petra lyssnar.";

    @Autowired QuoteWorld worlds;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired Quotes quotes;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void aCodedSpanIsMarkedDeIdentifiedAndApproved() {
        var w = worlds.create();
        var code = worlds.code(w);
        var js = (JavascriptExecutor) driver;
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId() + "/coding");
        waitFor(By.id("coding-form"));
        js.executeScript("window.quoteMarker = 'still here';");

        // Select the span in the child's words and code it.
        var area = driver.findElement(By.cssSelector(".coding-text__body[data-source='" + worlds.words(w).key() + "']"));
        QualitativeCodingBrowserIT.select(area, SPAN);
        waitUntil(d -> driver.findElement(By.id("coding-selection")).getText().contains(SPAN));
        var box = driver.findElement(By.id("pick-" + code.id()));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.sendKeys(Keys.SPACE);
        var save = driver.findElement(By.cssSelector("#coding-form button[type=submit]"));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        var list = driver.findElement(By.id(area.getAttribute("data-list")));
        waitUntil(d -> list.getText().contains("”" + SPAN + "”"));

        // Mark it as a quote, by keyboard, without leaving the page.
        var mark = list.findElement(By.cssSelector(".coding-segment__quote button"));
        assertThat(mark.getText()).isEqualTo("Markera som citat");
        js.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", mark);
        mark.sendKeys(Keys.ENTER);
        waitUntil(d -> !list.findElements(By.cssSelector("a.coding-segment__quoted")).isEmpty());
        assertThat(driver.findElement(By.id("coding-status")).getText()).startsWith("Markerat som citatkandidat");
        assertThat(js.executeScript("return window.quoteMarker;")).isEqualTo("still here");
        assertThat(driver.switchTo().activeElement().getAttribute("class")).contains("coding-segment__quoted");
        assertNoAxeViolations();

        // The quote page shows the child's first name flagged, with its kind in words.
        list.findElement(By.cssSelector("a.coding-segment__quoted")).click();
        waitFor(By.cssSelector(".quote"));
        assertThat(path()).isEqualTo("/rounds/" + w.roundId() + "/quotes");
        var marks = driver.findElements(By.cssSelector(".quote__mark"));
        assertThat(marks).extracting(WebElement::getText).containsExactly("Selma [förnamn]", "Petra [personalens namn]");
        assertNoAxeViolations();

        // Replace the first name with the keyboard; the page says what is left.
        press(By.xpath("//button[normalize-space()='Ersätt ”Selma” med [namn]']"));
        waitUntil(d -> d.findElements(By.cssSelector(".quote__mark")).size() == 1);
        assertThat(driver.findElement(By.cssSelector(".quote__text")).getText()).isEqualTo("[namn] tycker att Petra [personalens namn] lyssnar.");
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Kvar att åtgärda: 1");

        // Only the process lead approves, after the check against the whole key list.
        assertThat(driver.findElements(By.cssSelector(".quote__approve"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".quote__lead-approves")).getText()).contains("Processledaren godkänner");
        assertNoAxeViolations();
        logout();
        driver.manage().deleteAllCookies();
        login(w.org().processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId() + "/quotes");
        waitFor(By.cssSelector(".quote__approve"));

        // Approval is refused while the staff name is left, with the reason next to the text box.
        press(By.cssSelector(".quote__approve"));
        waitFor(By.cssSelector(".field-error"));
        assertThat(driver.findElement(By.cssSelector(".field-error")).getText())
                .contains("Citatet kan inte godkännas ännu", "ett namn på personal (”Petra”)");
        assertNoAxeViolations();

        // Edit the wording instead, save (the check runs again) and approve.
        var text = driver.findElement(By.cssSelector(".quote__box"));
        text.clear();
        text.sendKeys("[namn] tycker att socialsekreteraren lyssnar.");
        press(By.xpath("//button[normalize-space()='Spara och kontrollera igen']"));
        waitFor(By.cssSelector(".quote__clean"));
        press(By.cssSelector(".quote__approve"));
        waitFor(By.cssSelector(".quote__approved-by"));
        assertThat(driver.findElement(By.cssSelector(".quote .badge")).getText()).isEqualTo("Godkänt");
        assertThat(driver.findElement(By.cssSelector(".quote__approved-by")).getText()).startsWith("Godkänt av Petra Processledare, ");
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.approved(w.roundId())))
                .extracting(ApprovedQuote::text).containsExactly("[namn] tycker att socialsekreteraren lyssnar.");
        assertNoAxeViolations();

        open("/rounds/" + w.roundId() + "/quotes?lang=en");
        waitFor(By.cssSelector(".quote__approved-by"));
        assertThat(driver.findElement(By.cssSelector(".quote__approved-by")).getText()).startsWith("Approved by Petra Processledare, ");
        assertNoAxeViolations();
        // The round page links to the quotes once the round has come to the analysis.
        roundSteps.put(w.roundId(), Stage.ANALYSIS);
        open("/rounds/" + w.roundId() + "?lang=sv");
        assertThat(driver.findElements(By.cssSelector("a[href$='/rounds/" + w.roundId() + "/quotes']"))).isNotEmpty();
        roundSteps.put(w.roundId(), Stage.PLANNING);
    }

    @Test
    void theProcessLeadKeepsTheMunicipalitysPlaceList() {
        var w = worlds.create();
        login(w.org().processLead(), TestFixtures.PASSWORD);
        open("/municipalities/" + w.org().municipalityId() + "/places");
        waitFor(By.id("place-names"));
        assertNoAxeViolations();

        fill(By.id("place-names"), "Ekbackaskolan");
        press(By.cssSelector("form.form button[type=submit]"));
        waitFor(By.id("place-names-error"));
        assertThat(driver.findElement(By.id("place-names")).getAttribute("aria-describedby")).contains("place-names-error");
        assertNoAxeViolations();

        fill(By.id("place-names"), "Lunds fritidsgård\nIK Sävan");
        press(By.cssSelector("form.form button[type=submit]"));
        waitUntil(d -> d.findElements(By.cssSelector(".places__table th[scope=row]")).size() == 4);
        assertThat(driver.findElements(By.cssSelector(".places__table th[scope=row]"))).extracting(WebElement::getText)
                .containsExactly("Ekbackaskolan", "IK Sävan", "Lunds fritidsgård", "Norra Fäladens skola");

        open("/municipalities/" + w.org().municipalityId() + "/places?lang=en");
        waitFor(By.id("place-names"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Places in");
        assertNoAxeViolations();
        open("/?lang=sv");
    }

    /** Focuses a button and presses Enter on it, as a keyboard user would. */
    private void press(By button) {
        var element = driver.findElement(button);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", element);
        element.sendKeys(Keys.ENTER);
    }
}
