package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.round.Stage;
import se.delaktig.TestFixtures;
import se.delaktig.audit.AuditLog;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.DecisionWorld;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.Outcome;

/**
 * The unit manager decides a proposal, adds an action, and finds it in the unit's action list; an
 * action whose deadline has passed is listed first as overdue and counted on the start page. Last
 * year's actions appear as the follow-up. axe on every page, in Swedish and English.
 */
@IntegrationTest
class DecisionsBrowserIT extends BrowserTest {

    @Autowired DecisionWorld worlds;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired Decisions decisions;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void clickCentred(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void setDate(By locator, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(locator), value);
    }

    @Test
    void aManagerDecidesAddsAnActionAndSeesTheOverdueOnesFirst() {
        var w = worlds.create();
        var today = LocalDate.now(AuditLog.ZONE);
        var first = w.proposals().get(0);
        var second = w.proposals().get(1);
        // Last year: one action done, one that never got done.
        TestFixtures.run(w.manager(), () -> {
            var prior = w.previousProposals().get(0);
            decisions.decide(w.previousRoundId(), new Decisions.DecisionInput(prior, Outcome.APPROVED, null,
                    DecidingBody.COMMITTEE, today.minusYears(1), "Nämndens ordförande", null));
            var done = decisions.addAction(w.previousRoundId(), new Decisions.NewAction(prior, "Kontaktlista till alla barn",
                    w.interviewerId(), today.minusMonths(8)));
            decisions.updateAction(done.id(), new Decisions.ActionChange(null, null, null, ActionStatus.DONE, done.version()));
            decisions.addAction(w.previousRoundId(), new Decisions.NewAction(prior, "Fast handläggare per barn",
                    w.org().managerId(), today.minusMonths(2)));
        });

        login(w.manager(), TestFixtures.PASSWORD);
        // The round page links to this page once the round has come to its step.
        roundSteps.put(w.roundId(), Stage.DECISIONS);
        open("/rounds/" + w.roundId());
        driver.findElement(By.linkText("Beslut och åtgärder")).click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/decisions"));
        roundSteps.put(w.roundId(), Stage.PLANNING);
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Beslut och åtgärder");
        assertThat(driver.findElement(By.id("follow-up")).getText())
                .contains("Uppföljning av förra årets åtgärder", w.previousTitle(), "Kontaktlista till alla barn", "Klar",
                        "Fast handläggare per barn", "Försenad");
        assertNoAxeViolations();

        // A rejection without a reason is refused next to the field, with the choice kept.
        var proposal2 = driver.findElement(By.id("proposal-" + second));
        clickCentred(proposal2.findElement(By.cssSelector("input[name=outcome][value=REJECTED]")));
        clickCentred(proposal2.findElement(By.cssSelector("button[type=submit]")));
        waitFor(By.id("d" + second + "-reason-error"));
        assertThat(driver.findElement(By.id("d" + second + "-reason")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.cssSelector("#proposal-" + second + " input[value=REJECTED]")).isSelected()).isTrue();
        assertNoAxeViolations();

        // The first proposal is approved by the unit's management.
        open("/rounds/" + w.roundId() + "/decisions");
        var proposal1 = driver.findElement(By.id("proposal-" + first));
        clickCentred(proposal1.findElement(By.cssSelector("input[name=outcome][value=APPROVED]")));
        new Select(driver.findElement(By.id("d" + first + "-body"))).selectByVisibleText("Enhetens ledning");
        clickCentred(proposal1.findElement(By.xpath(".//button[normalize-space()='Spara beslutet']")));
        waitUntil(d -> d.getPageSource().contains("Beslutet är sparat."));
        assertThat(driver.findElement(By.id("proposal-" + first)).getText()).contains("Bifallet", "Erik Enhetschef");

        // … and gets an action with Ida as its owner.
        var deadline = today.plusMonths(4).toString();
        fill(By.id("a" + first + "-text"), "Ny rutin: samma socialsekreterare under hela utredningen");
        new Select(driver.findElement(By.id("a" + first + "-ownerId"))).selectByVisibleText("Ida Intervjuare");
        setDate(By.id("a" + first + "-deadline"), deadline);
        clickCentred(driver.findElement(By.xpath("//button[normalize-space()='Lägg till åtgärden']")));
        waitUntil(d -> d.getPageSource().contains("Åtgärden är tillagd."));
        assertThat(driver.findElement(By.id("actions-" + first)).getText())
                .contains("Ny rutin: samma socialsekreterare", "Ida Intervjuare", deadline, "Planerad");
        assertNoAxeViolations();

        // An action whose deadline has passed, recorded earlier (through the service).
        TestFixtures.run(w.manager(), () -> decisions.addAction(w.roundId(), new Decisions.NewAction(first,
                "Informera barnen om rutinen", w.org().managerId(), today.minusDays(5))));

        // The start page says how many actions are late in the manager's unit (this and last year's round).
        open("/");
        assertThat(driver.findElement(By.id("overdue-actions")).getText()).contains("2 åtgärder är försenade.");
        assertNoAxeViolations();
        driver.findElement(By.linkText("Visa de försenade åtgärderna")).click();
        waitUntil(d -> path().equals("/actions"));
        var overdueRows = driver.findElements(By.cssSelector("#action-list tbody tr"));
        assertThat(overdueRows).hasSize(2);
        assertThat(overdueRows).allSatisfy(r -> assertThat(r.getText()).contains("Försenad"));
        assertNoAxeViolations();

        // The whole list has the overdue ones first, the new action after them.
        open("/actions");
        var rows = driver.findElements(By.cssSelector("#action-list tbody tr"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getText()).contains("Fast handläggare per barn", "Försenad");
        assertThat(rows.get(1).getText()).contains("Informera barnen om rutinen", "Försenad");
        assertThat(rows.get(2).getText()).contains("Kontaktlista till alla barn", "Klar");
        assertThat(rows.get(3).getText()).contains("Ny rutin: samma socialsekreterare", "Planerad");

        // The action's own page: the manager starts it and writes a note.
        driver.findElement(By.linkText("Ny rutin: samma socialsekreterare under hela utredningen")).click();
        waitFor(By.id("status"));
        new Select(driver.findElement(By.id("status"))).selectByVisibleText("Pågår");
        clickCentred(driver.findElement(By.xpath("//button[normalize-space()='Spara åtgärden']")));
        waitUntil(d -> d.getPageSource().contains("Åtgärden är sparad."));
        fill(By.id("note"), "Utkastet är skickat till ledningsgruppen.");
        clickCentred(driver.findElement(By.xpath("//button[normalize-space()='Lägg till anteckningen']")));
        waitUntil(d -> d.getPageSource().contains("Anteckningen är sparad."));
        assertThat(driver.findElement(By.id("notes")).getText()).contains("Utkastet är skickat", "Erik Enhetschef");
        assertNoAxeViolations();

        // The same pages in English.
        open("/actions?lang=en");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.id("action-list")).getText()).contains("Overdue", "In progress");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "/decisions");
        assertThat(driver.findElement(By.id("proposal-" + first)).getText()).contains("Approved", "Unit management");
        assertThat(driver.findElement(By.id("follow-up")).getText()).contains("Follow-up of last year's actions");
        assertNoAxeViolations();
        open("/?lang=sv");
    }
}
