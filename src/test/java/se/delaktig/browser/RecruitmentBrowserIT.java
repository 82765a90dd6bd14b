package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Counts;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * Recruitment through the pages: the process lead adds a child with its language and type of
 * contact, records the child's and the guardian's yes, downloads the child's letter and records when
 * it was sent, looks at the selection and the missing voices, and after the interview records that
 * the child withdrew – and the child's answers are gone from the counts. axe checks every page.
 */
@IntegrationTest
class RecruitmentBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Counts counts;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void clickCentred(By locator) {
        var element = driver.findElement(locator);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void fromInvitationToWithdrawal() throws Exception {
        var guide = fixtures.smallGuide();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Rekrytering i webbläsaren", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 6, null)));
        TestFixtures.run(org.processLead(), () -> rounds.advance(round.id()));

        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + round.id() + "/participants/new");
        assertNoAxeViolations();
        fill(By.id("age"), "10");
        new Select(driver.findElement(By.id("language"))).selectByVisibleText("engelska");
        clickCentred(By.cssSelector("input[name=contactType][value=PLACEMENT]"));
        new Select(driver.findElement(By.id("guardians"))).selectByValue("1");
        fill(By.id("firstName"), "Linnea");
        clickCentred(By.cssSelector("main form button[type=submit]"));
        waitUntil(d -> path().matches("/participants/\\d+"));
        var participantPath = path();
        var participantId = Long.parseLong(participantPath.substring(participantPath.lastIndexOf('/') + 1));
        var facts = driver.findElement(By.cssSelector("dl.facts")).getText();
        assertThat(facts).contains("engelska", "Placering", "Inbjuden");
        assertThat(driver.getPageSource()).doesNotContain("Linnea");
        assertNoAxeViolations();

        // The child says yes; the one guardian says no with a reason, then yes.
        clickCentred(By.cssSelector("input[name=child][value=YES]"));
        clickCentred(By.cssSelector("input[name=guardian1][value=NO]"));
        fill(By.id("reason"), "Vill prata med barnet först");
        clickCentred(By.xpath("//button[normalize-space()='Spara svaren']"));
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().equals("Svaren är sparade. Läge: Har tackat nej."));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Svaren är sparade. Läge: Har tackat nej.");
        clickCentred(By.cssSelector("input[name=guardian1][value=YES]"));
        clickCentred(By.xpath("//button[normalize-space()='Spara svaren']"));
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().equals("Svaren är sparade. Läge: Har samtyckt."));
        var history = driver.findElement(By.cssSelector("table.consent-history")).getText();
        assertThat(history).contains("Inbjuden", "Svarade nej", "Vill prata med barnet först", "Svarade ja");
        assertNoAxeViolations();

        // The letter to the child, with the first name from the key list.
        var letter = download(By.cssSelector("a[href$='letters/child.pdf']"));
        assertThat(letter.status()).isEqualTo(200);
        assertThat(letter.contentType()).startsWith("application/pdf");
        try (var pdf = Loader.loadPDF(letter.body())) {
            var text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Hej Linnea!", "som inte är din egen", "Hello Linnea!");
        }
        var today = LocalDate.now(se.delaktig.audit.AuditLog.ZONE).toString();
        clickCentred(By.xpath("//button[normalize-space()='Spara datum för barnets brev']"));
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().contains("Brevet till barnet är registrerat som skickat"));
        assertThat(driver.findElement(By.id("sentOn-CHILD-hint")).getText()).isEqualTo("Skickat " + today + ".");
        assertNoAxeViolations();

        // Selection and missing voices, from the round page.
        open("/rounds/" + round.id());
        assertThat(driver.findElement(By.cssSelector("main table")).getText()).contains("Barnet " + today);
        assertNoAxeViolations();
        driver.findElement(By.linkText("Urvalets spridning")).click();
        waitFor(By.id("selection-invited"));
        assertThat(driver.findElement(By.id("selection-invited")).getText()).isEqualTo("1 inbjudna, målet är 6 intervjuade barn");
        assertNoAxeViolations();
        driver.findElement(By.linkText("Vems röster saknas?")).click();
        waitFor(By.id("missing-total"));
        assertNoAxeViolations();

        // The interview happens and is counted.
        var question = jdbc.sql("""
                select q.id from guide_question q join guide_area a on a.id = q.area_id
                where a.guide_id = ? and q.type = 'YES_NO_DONT_KNOW'""").param(guide).query(Long.class).single();
        TestFixtures.run(org.processLead(), () -> {
            participants.assign(participantId, org.interviewerIds().get(0));
            rounds.advance(round.id());
            rounds.advance(round.id());
        });
        TestFixtures.run(org.interviewers().get(0), () -> {
            var opened = interviews.open(participantId);
            var saved = interviews.save(opened.id(), opened.version(), List.of(new AnswerInput(question, "YES", null, null)), null);
            interviews.complete(saved.id(), saved.version());
        });
        open("/rounds/" + round.id() + "/counts");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Ingen intervju är avslutad ännu");

        // The child withdraws: the answers leave the round.
        open(participantPath);
        new Select(driver.findElement(By.id("withdrawalParty"))).selectByVisibleText("Barnet");
        fill(By.id("withdrawalReason"), "Ville inte längre");
        clickCentred(By.xpath("//button[normalize-space()='Registrera återkallelsen']"));
        var confirm = driver.switchTo().alert();
        assertThat(confirm.getText()).startsWith("Återkalla samtycket för B01?");
        confirm.accept();
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().startsWith("Samtycket för B01 är återkallat"));
        assertThat(driver.findElement(By.id("consent-state")).getText()).isEqualTo("Har återkallat");
        assertThat(driver.findElement(By.cssSelector("table.consent-history")).getText()).contains("Återkallade samtycket", "Ville inte längre");
        assertNoAxeViolations();
        open("/rounds/" + round.id() + "/counts");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Ingen intervju är avslutad ännu");
        assertThat(TestFixtures.as(org.processLead(), () -> counts.forRound(round.id())).completedInterviews()).isZero();
    }
}
