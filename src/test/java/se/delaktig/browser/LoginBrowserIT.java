package se.delaktig.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LoginBrowserIT extends BrowserTest {

    @Autowired
    TestFixtures fixtures;

    TestFixtures.Org org;

    @BeforeEach
    void freshOrganisationAndNoSession() {
        org = fixtures.organisation();
        // Each test starts signed out, whatever the previous one left behind.
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void loginPageIsAccessible() {
        open("/login");

        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Logga in");
        assertNoAxeViolations();
    }

    @Test
    void wrongPasswordShowsTheSwedishErrorAndKeepsTheUsername() {
        open("/login");
        fill(By.id("username"), org.processLead());
        fill(By.id("password"), "not-the-password");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();

        var alert = waitFor(By.cssSelector("[role=alert]"));
        assertThat(alert.getText()).startsWith("Fel användarnamn eller lösenord");
        assertThat(path()).isEqualTo("/login");
        assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo(org.processLead());
        assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(driver.findElement(By.id("username")).getAttribute("aria-describedby")).isEqualTo(alert.getAttribute("id"));
        assertNoAxeViolations();
    }

    @Test
    void processLeadLandsOnTheStartPageAndCanLogOut() {
        login(org.processLead(), TestFixtures.PASSWORD);

        assertThat(path()).isEqualTo("/");
        assertThat(driver.findElements(By.cssSelector("form[action$='/logout']"))).hasSize(1);
        assertNoAxeViolations();

        logout();

        assertThat(path()).isEqualTo("/login");
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Du är utloggad.");
        open("/");
        assertThat(path()).as("after logout the start page asks for a login again").isEqualTo("/login");
    }

    @Test
    void loginFormWorksWithTheKeyboardAlone() {
        open("/login");
        var username = driver.findElement(By.id("username"));
        assertThat(driver.switchTo().activeElement()).as("the username field has focus from the start").isEqualTo(username);

        // Only keys from here on: type, Tab to the password, Enter to submit.
        driver.switchTo().activeElement().sendKeys(org.processLead(), Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        driver.switchTo().activeElement().sendKeys(TestFixtures.PASSWORD, Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("type")).isEqualTo("submit");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);

        waitUntil(d -> path().equals("/"));
        assertThat(path()).isEqualTo("/");
    }
}
