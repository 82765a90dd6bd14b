package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.round.Stage;
import se.delaktig.TestFixtures;
import se.delaktig.feedback.FeedbackWorld;

/**
 * The process lead creates the feedback from the round page, edits a version (a phone number is
 * refused next to its field), adds English and approves. Signed out, the public page shows the
 * approved words without the staff menu; the child switches age band and language and presses play
 * with the keyboard: the status then says either that the browser has no voice or that it is
 * reading, whichever is true in this browser. axe on every page, in Swedish and English.
 */
@IntegrationTest
class FeedbackBrowserIT extends BrowserTest {

    @Autowired FeedbackWorld worlds;
    @Autowired se.delaktig.RoundSteps roundSteps;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void clickCentred(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void button(String text) {
        clickCentred(driver.findElement(By.xpath("//button[normalize-space()='" + text + "']")));
    }

    @Test
    void theProcessLeadApprovesAndAChildReadsAndListensLoggedOut() {
        var w = worlds.create();
        login(w.lead(), TestFixtures.PASSWORD);
        // The round page links to this page once the round has come to its step.
        roundSteps.put(w.roundId(), Stage.FEEDBACK);
        open("/rounds/" + w.roundId());
        driver.findElement(By.linkText("Återkoppling till barnen")).click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/feedback"));
        roundSteps.put(w.roundId(), Stage.PLANNING);
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Återkoppling till barnen");
        assertNoAxeViolations();

        button("Skapa utkastet");
        waitUntil(d -> d.getPageSource().contains("Utkastet är skapat."));
        assertThat(driver.findElement(By.id("edit-title")).getText()).isEqualTo("9–12 år, Svenska");
        assertThat(driver.findElement(By.id("points-kontakt")).getAttribute("value"))
                .contains("Båda barnen berättade om det här: byte av socialsekreterare.");
        assertThat(driver.findElement(By.id("doing")).getAttribute("value")).contains(FeedbackWorld.ACTION);
        assertThat(driver.findElement(By.id("status")).getText()).contains("Utkast");
        assertNoAxeViolations();

        // A phone number is refused next to the field, with what was typed kept.
        fill(By.id("doing"), "Ring oss på 070-123 45 67.");
        button("Spara versionen");
        waitFor(By.id("doing-error"));
        assertThat(driver.findElement(By.id("doing")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("doing")).getAttribute("value")).isEqualTo("Ring oss på 070-123 45 67.");
        assertNoAxeViolations();

        fill(By.id("points-kontakt"), "Många av er har fått byta socialsekreterare, och det var jobbigt.");
        fill(By.id("doing"), "Från oktober får du behålla samma socialsekreterare.");
        button("Spara versionen");
        waitUntil(d -> d.getPageSource().contains("Versionen är sparad."));

        // English for every age band, then approval.
        new Select(driver.findElement(By.id("language"))).selectByVisibleText("English");
        button("Lägg till språket");
        waitUntil(d -> d.getPageSource().contains("Språket är tillagt för alla åldersgrupper."));
        assertThat(driver.findElement(By.id("edit-title")).getText()).isEqualTo("9–12 år, English");
        button("Godkänn och publicera");
        waitUntil(d -> d.getPageSource().contains("Återkopplingen är godkänd och publicerad."));
        assertThat(driver.findElement(By.id("status")).getText()).contains("Godkänd och publicerad", "Brev 9–12 år, Svenska (PDF)");
        var publicUrl = driver.findElement(By.id("public-link")).getAttribute("href");
        var token = publicUrl.substring(publicUrl.lastIndexOf('/') + 1);

        // The team's page in English.
        open("/rounds/" + w.roundId() + "/feedback?lang=en");
        assertThat(driver.findElement(By.id("status")).getText()).contains("Approved and published");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "/feedback?lang=sv");
        logout();
        driver.manage().deleteAllCookies();

        // The child's page, signed out: the approved words, no staff menu, no names.
        open("/feedback/" + token);
        waitFor(By.id("feedback-text"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Det här sa ni – det här gör vi");
        var text = driver.findElement(By.id("feedback-text")).getText();
        assertThat(text).contains("Många av er har fått byta socialsekreterare", "Från oktober får du behålla samma socialsekreterare.");
        assertThat(driver.findElements(By.cssSelector("nav.nav, .site-header, .demo-banner, form[action$='/logout']"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("B01", "B02", FeedbackWorld.FIRST_NAME, "Petra", "Ida Intervjuare");
        assertThat(driver.findElement(By.cssSelector(".kids__option[aria-current=page]")).getText()).isEqualTo("9–12 år");
        assertNoAxeViolations();

        // Another age band …
        driver.findElement(By.linkText("13–18 år")).click();
        waitUntil(d -> query().contains("age=13-18"));
        assertThat(driver.findElement(By.cssSelector(".kids__option[aria-current=page]")).getText()).isEqualTo("13–18 år");
        assertThat(driver.findElement(By.id("feedback-text")).getText()).contains("Båda barnen tog upp det här: byte av socialsekreterare.");
        // … and English, the page's own words following.
        driver.findElement(By.linkText("English")).click();
        waitUntil(d -> query().contains("language=en"));
        assertThat(driver.findElement(By.id("feedback-text")).getAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.id("said-title")).getText()).isEqualTo("What you said");
        assertThat(driver.findElement(By.id("reader-title")).getText()).isEqualTo("Listen to the text");
        assertNoAxeViolations();

        // Back to Swedish, and play with the keyboard.
        driver.findElement(By.linkText("Svenska")).click();
        waitUntil(d -> query().contains("language=sv"));
        var play = waitFor(By.id("read-play"));
        var status = driver.findElement(By.id("reader-status"));
        assertThat(status.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(status.getAttribute("role")).isEqualTo("status");
        play.sendKeys(Keys.ENTER);
        var noVoice = "Den här webbläsaren har ingen röst som kan läsa upp texten. Be en vuxen läsa den för dig, eller prova en annan webbläsare eller telefon.";
        var speaking = List.of("Läser upp …", "Klart!", "Uppläsningen fungerade inte. Prova en annan röst.");
        waitUntil(d -> status.getText().equals(noVoice) || speaking.contains(status.getText()));
        var voices = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return window.speechSynthesis ? window.speechSynthesis.getVoices().length : 0")).intValue();
        if (voices == 0) {
            // This browser has no voice: the page says so plainly and the picker is empty.
            assertThat(status.getText()).isEqualTo(noVoice);
            assertThat(driver.findElement(By.id("voice")).isEnabled()).isFalse();
        } else {
            // A voice exists: the page reads, the Swedish voice first in the picker when the browser has one.
            assertThat(speaking).contains(status.getText());
            var first = new Select(driver.findElement(By.id("voice"))).getOptions().get(0).getText();
            var hasSwedish = (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "return window.speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('sv'))");
            if (Boolean.TRUE.equals(hasSwedish)) {
                assertThat(first).containsIgnoringCase("(sv");
            }
            driver.findElement(By.id("read-stop")).sendKeys(Keys.ENTER);
        }
        assertNoAxeViolations();

        // A token that does not exist is a child-friendly 404 without the staff layout.
        open("/feedback/" + "x".repeat(43));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sidan finns inte");
        assertThat(driver.findElements(By.cssSelector(".site-header"))).isEmpty();
    }
}
