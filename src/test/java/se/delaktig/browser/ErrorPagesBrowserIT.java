package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

/**
 * Error pages as a person meets them: a form sent after the session ended, an address that does not
 * exist, and the language link on a form that came back with an error. Each is an HTML page in
 * Swedish or English with a way back, accessible at 1280, 820 and 390 pixels.
 */
@IntegrationTest
class ErrorPagesBrowserIT extends BrowserTest {

    static final int[] WIDTHS = {1280, 820, 390};

    @Autowired TestFixtures fixtures;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void aFormSentAfterTheSessionEndedSaysSoAndOffersToSignInAgain() {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/new");
        fill(By.id("title"), "Barns röster efter paus");
        // The session ends while the form is open (timed out on the server): its cookie no longer counts.
        driver.manage().deleteCookieNamed("SESSION");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> !d.findElements(By.cssSelector("h1")).isEmpty()
                && d.findElement(By.tagName("h1")).getText().equals("Inloggningen har gått ut"));

        // The session module's page: nothing was saved, and what was typed is there to copy.
        var text = driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains("är inte sparat");
        assertThat(driver.findElement(By.id("sent-1")).getAttribute("value")).isEqualTo("Barns röster efter paus");
        assertThat(driver.findElements(By.id("sent-2"))).as("only what the person typed, not the page's own fields").isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("\"status\":");
        assertThat(driver.findElement(By.partialLinkText("Logga in i en ny flik")).getAttribute("href")).endsWith("/login");
        assertThat(driver.findElement(By.linkText("Till startsidan")).getAttribute("href")).endsWith("/");
        everyWidthIsAccessible();

        // The way back leads to the page before: the form (or, with the session gone, the sign-in page).
        driver.findElement(By.linkText("Tillbaka till föregående sida")).click();
        waitUntil(d -> path().equals("/rounds/new") || path().equals("/login"));
        assertThat(driver.getPageSource()).doesNotContain("\"status\":");

        // The same page in English.
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/new?lang=en");
        driver.manage().deleteCookieNamed("SESSION");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Your sign-in has expired"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("has not been saved", "Sign in in a new tab",
                "Back to the previous page");
        assertNoAxeViolations();
        open("/login?lang=sv");
    }

    @Test
    void anAddressThatDoesNotExistIsAPageWithAWayBackInBothLanguages() {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/no-such-round/anything");
        waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Sidan finns inte"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Kontrollera adressen", "Felkod 404");
        everyWidthIsAccessible();

        driver.findElement(By.linkText("English")).click();
        waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Page not found"));
        assertThat(path()).isEqualTo("/rounds/no-such-round/anything");
        everyWidthIsAccessible();
        driver.findElement(By.linkText("To the start page")).click();
        waitUntil(d -> path().equals("/"));
        driver.findElement(By.linkText("Svenska")).click();
        waitUntil(d -> query().contains("lang=sv"));
    }

    @Test
    void theLanguageLinkOnAFormThatCameBackWithAnErrorLeadsToTheFormWithWhatWasTyped() {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/new");
        fill(By.id("title"), "Våra barns röster");
        fill(By.id("targetChildren"), "10.5");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/rounds") && !d.findElements(By.id("targetChildren-error")).isEmpty());
        assertThat(driver.findElement(By.id("targetChildren-error")).getText()).contains("heltal");
        assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("Våra barns röster");
        assertNoAxeViolations();

        driver.findElement(By.linkText("English")).click();
        waitUntil(d -> path().equals("/rounds/new") && query().contains("lang=en"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("Våra barns röster");
        assertNoAxeViolations();
        open("/?lang=sv");
    }

    private void everyWidthIsAccessible() {
        for (var width : WIDTHS) {
            driver.manage().window().setSize(new Dimension(width, 1000));
            assertNoAxeViolations();
            // The way back is on screen at every width.
            assertThat(driver.findElement(By.cssSelector(".error-page__ways a")).isDisplayed()).isTrue();
        }
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }
}
