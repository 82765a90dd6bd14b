package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.round.Stage;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.MatrixWorld;

/**
 * The analysis matrix in a browser: an analyst writes the team's text of a cell and saves it without
 * the page reloading, and it is there when the page is opened again; axe on the matrix and the staff
 * experiences page, in Swedish and English, and on a narrow screen.
 */
@IntegrationTest
class MatrixBrowserIT extends BrowserTest {

    @Autowired MatrixWorld matrixWorld;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired se.delaktig.organization.Organization organization;

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
    void anAnalystEditsACellAndItIsKept() {
        var w = matrixWorld.create();
        var matrix = "/rounds/" + w.roundId() + "/matrix";
        login(w.interviewer(), TestFixtures.PASSWORD);

        // From the round page's results list.
        // The round page links to this page once the round has come to its step.
        roundSteps.put(w.roundId(), Stage.ANALYSIS);
        open("/rounds/" + w.roundId());
        clickCentred(By.linkText("Analysmatrisen"));
        waitUntil(d -> path().equals(matrix));
        roundSteps.put(w.roundId(), Stage.PLANNING);
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Analysmatris");
        var contact = driver.findElement(By.id("area-kontakt"));
        assertThat(contact.findElement(By.cssSelector("th[scope=row]")).getText()).isEqualTo("Kontakt");
        assertThat(contact.getText()).contains("ett av två barn", "”" + MatrixWorld.APPROVED + "”", MatrixWorld.PROPOSAL)
                .doesNotContain(MatrixWorld.CANDIDATE);
        assertNoAxeViolations();

        ((JavascriptExecutor) driver).executeScript("window.delaktigNotReloaded = true;");
        fill(By.id("cell-kontakt-children-text"), "Barnen vill slippa byta socialsekreterare.");
        clickCentred(By.id("cell-kontakt-children-save"));
        waitUntil(d -> d.findElement(By.id("matrix-status")).getText()
                .contains("Teamets text är sparad: Vad barnen sa, Kontakt."));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.delaktigNotReloaded === true;")).isEqualTo(true);
        assertThat(driver.findElement(By.id("cell-kontakt-children")).getText()).contains("Senast sparad av " + organization.staffByUsername(w.interviewer()).orElseThrow().displayName());
        assertNoAxeViolations();

        // Opened again, the text is there.
        open(matrix);
        assertThat(driver.findElement(By.id("cell-kontakt-children-text")).getAttribute("value"))
                .isEqualTo("Barnen vill slippa byta socialsekreterare.");

        // On a narrow screen the rows stack, the row headers stay.
        driver.manage().window().setSize(new Dimension(400, 900));
        try {
            open(matrix);
            assertThat(driver.findElement(By.cssSelector("#area-kontakt th[scope=row]")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.cssSelector("#area-kontakt .matrix__label")).isDisplayed()).isTrue();
            assertNoAxeViolations();
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }

        // The staff experiences page.
        open("/rounds/" + w.roundId() + "/reflections");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Personalens erfarenheter");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Tid och plats för möten", CodingWorld.REFLECTION_A);
        assertNoAxeViolations();

        // And both in English.
        open(matrix + "?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Analysis matrix");
        assertThat(driver.findElement(By.id("area-kontakt")).getText()).contains("one of two children");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "/reflections");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Staff experiences");
        assertNoAxeViolations();
        open("/?lang=sv");
    }

    @Test
    void uncodedReflectionsAreListedWithTheWayToTheCodingPage() {
        var w = matrixWorld.uncoded();
        login(w.org().manager(), TestFixtures.PASSWORD);

        open("/rounds/" + w.roundId() + "/reflections");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Reflektioner som inte är kodade ännu", CodingWorld.REFLECTION_A, MatrixWorld.REFLECTION_B);
        assertNoAxeViolations();
        clickCentred(By.linkText("Koda dem på kodningssidan"));
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/coding"));
    }
}
