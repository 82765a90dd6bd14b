package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.round.TextRetention;

/**
 * The process lead closes a round through the confirmation page: without ticking the box nothing
 * happens and the error says why; with it the round is closed and says what is gone and when the
 * free text goes. Swedish and English, axe on every page.
 */
@IntegrationTest
class ClosingBrowserIT extends BrowserTest {

    @Autowired CodingWorld worlds;
    @Autowired RoundService rounds;
    @Autowired TextRetention retention;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private CodingWorld.World atFeedback() {
        var w = worlds.create();
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(w.roundId()).stage() != Stage.FEEDBACK) {
                rounds.advance(w.roundId());
            }
        });
        return w;
    }

    @Test
    void theProcessLeadClosesTheRoundAfterConfirmingAndSeesTheClosedState() {
        var w = atFeedback();
        var today = LocalDate.now(AuditLog.ZONE);
        login(w.org().processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId() + "?lang=sv");
        driver.findElement(By.id("close-round")).click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/close"));
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Det här förstörs nu")
                .contains("Det går inte att ångra")
                .contains("Det här gallras " + today.plusMonths(12));
        assertNoAxeViolations();

        // Without the tick: refused, the error tied to the box, focus reachable by keyboard.
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        var error = waitFor(By.id("confirm-error"));
        assertThat(error.getText()).contains("Kryssa i rutan");
        assertThat(driver.findElement(By.id("confirm")).getAttribute("aria-describedby")).isEqualTo("confirm-error");
        assertThat(jdbc.sql("select count(*) from round_closure where round_id = ?").param(w.roundId())
                .query(Integer.class).single()).isZero();
        assertNoAxeViolations();

        var box = driver.findElement(By.id("confirm"));
        box.sendKeys(Keys.SPACE);
        assertThat(box.isSelected()).isTrue();
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId()));
        var closure = waitFor(By.id("closure"));
        assertThat(closure.getText()).isEqualTo("Stängd " + today + "; kodnyckeln är förstörd; fritexten gallras "
                + today.plusMonths(12) + ".");
        assertThat(driver.findElements(By.id("close-round"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("[aria-current=step]")).getText()).contains("Avslutad");
        assertNoAxeViolations();

        // A child's key list entry now says it is gone.
        open("/participants/" + w.childA() + "/key");
        assertThat(waitFor(By.id("key-destroyed")).getText()).contains("Kodnyckeln förstördes " + today);
        assertNoAxeViolations();
    }

    @Test
    void inEnglishTheConfirmationAndTheShreddedStateReadAsWell() {
        var w = atFeedback();
        login(w.org().processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId() + "/close?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Close the round:");
        assertNoAxeViolations();
        driver.findElement(By.id("confirm")).sendKeys(Keys.SPACE);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId()));
        assertThat(waitFor(By.id("closure")).getText()).contains("the key list is destroyed; the free text is shredded on");

        // The retention period passes; the pages with free text say so calmly.
        jdbc.sql("update round_closure set closed_at = now() - interval '13 months' where round_id = ?").param(w.roundId()).update();
        retention.shredDue(java.time.Instant.now());
        open("/rounds/" + w.roundId() + "/coding");
        assertThat(waitFor(By.id("shredded-notice")).getText()).contains("The free text was shredded on");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "?lang=sv");
        assertThat(waitFor(By.id("closure")).getText()).contains("fritexten gallrades " + LocalDate.now(AuditLog.ZONE));
        assertNoAxeViolations();
    }
}
