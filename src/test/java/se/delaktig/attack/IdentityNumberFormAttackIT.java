package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.browser.BrowserTest;

/**
 * Attack through a real browser: a round title with a personnummer hidden by no-break and zero-width
 * spaces. The round form has no check of its own for the title, so the guard in front of every write
 * answers: a Swedish page that names the field, keeps the title to correct and the rest of the form,
 * passes axe, and creates the round once the number is removed and the form is sent again.
 */
@IntegrationTest
class IdentityNumberFormAttackIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void aRoundTitleWithAHiddenPersonnummerIsRefusedKeptAndCanBeSentAgain() {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/new");
        var title = "Barns röster " + IdentityNumberEveryWriteAttackIT.WRITINGS.get(0);
        fill(By.id("title"), title);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();

        waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Personnummer får inte sparas"));
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("Inget av det du skickade har sparats", "Fältet ”Titel” ser ut att innehålla ett personnummer");
        var box = driver.findElement(By.cssSelector("textarea[name=title]"));
        assertThat(box.getAttribute("value")).isEqualTo(title);
        assertThat(box.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.switchTo().activeElement()).as("the field with the error has focus").isEqualTo(box);
        assertThat(jdbc.sql("select count(*) from round where unit_id = ?").param(org.unitId()).query(Long.class).single()).isZero();
        assertNoAxeViolations();

        fill(By.cssSelector("textarea[name=title]"), "Barns röster 2026");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().matches("/rounds/\\d+"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Barns röster 2026");
        assertThat(jdbc.sql("select count(*) from round where unit_id = ?").param(org.unitId()).query(Long.class).single()).isOne();
    }
}
