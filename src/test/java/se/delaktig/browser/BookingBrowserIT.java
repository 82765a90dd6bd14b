package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * Assignment and booking through the pages: the process lead marks that an interviewer knows a
 * child's family and is refused that interviewer, accepts Delaktig's suggestion, books a time in
 * school hours and sees the warning; the assigned interviewer downloads the calendar file. axe
 * checks every page on the way.
 */
@IntegrationTest
class BookingBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;

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

    /** Date and time inputs take keys in the browser's locale; set the ISO value as a picker would. */
    private void setValue(By locator, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(locator), value);
    }

    @Test
    void markAFamilyConflictAcceptTheSuggestionBookInSchoolHoursAndDownloadTheCalendarFile() {
        var guide = fixtures.smallGuide();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Bokning i webbläsaren", LocalDate.of(2026, 1, 1), LocalDate.of(2031, 12, 31), 4, null)));
        var ida = org.interviewerIds().get(0);
        var ivar = org.interviewerIds().get(1);
        var inez = org.interviewerIds().get(2);
        Participant first = TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(round.id(), new ParticipantService.NewParticipant(10, Gender.GIRL, "Elsa",
                    "Mamma 070-555 11 22", List.of(ida), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            var q = participants.add(round.id(), new ParticipantService.NewParticipant(14, Gender.BOY, "Olle",
                    null, List.of(), List.of()));
            participants.recordConsent(q.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            return p;
        });

        // Mark Ivar as knowing B01's family, on the child's page.
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/participants/" + first.id());
        assertNoAxeViolations();
        new Select(driver.findElement(By.id("knownStaffId"))).selectByValue(String.valueOf(ivar));
        fill(By.id("knownNote"), "Grannar");
        clickCentred(By.xpath("//button[normalize-space()='Markera att personen känner familjen']"));
        waitFor(By.cssSelector("[role=status]"));
        assertThat(driver.findElement(By.cssSelector(".known-by")).getText()).contains("Ivar Intervjuare").contains("Grannar");
        assertNoAxeViolations();

        // Ivar is now refused as B01's interviewer, with the reason.
        new Select(driver.findElement(By.id("interviewerId"))).selectByValue(String.valueOf(ivar));
        clickCentred(By.xpath("//button[normalize-space()='Spara intervjuaren']"));
        var refusal = waitFor(By.id("interviewerId-error"));
        assertThat(refusal.getText()).contains("Ivar Intervjuare känner familjen till B01");
        assertThat(driver.findElement(By.id("interviewerId")).getAttribute("aria-invalid")).isEqualTo("true");
        assertNoAxeViolations();

        // The suggestion: B01 can only get Inez (Ida is the case worker, Ivar knows the family).
        open("/rounds/" + round.id() + "/assignments");
        assertNoAxeViolations();
        clickCentred(By.xpath("//button[starts-with(normalize-space(), 'Acceptera förslaget')]"));
        waitUntil(d -> d.findElement(By.cssSelector("[role=status]")).getText().equals("Förslaget är sparat (2 ändringar)."));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Förslaget är sparat (2 ändringar).");
        var firstRow = new Select(driver.findElement(By.id("row-" + first.id())));
        assertThat(firstRow.getFirstSelectedOption().getAttribute("value")).isEqualTo(String.valueOf(inez));
        assertNoAxeViolations();

        // Book a Tuesday morning: saved, with the school-hours warning.
        open("/participants/" + first.id() + "/booking");
        assertNoAxeViolations();
        setValue(By.id("date"), "2031-03-11");
        setValue(By.id("time"), "10:00");
        fill(By.id("place"), "Biblioteket, rummet vid entrén");
        clickCentred(By.xpath("//button[normalize-space()='Spara bokningen']"));
        waitUntil(d -> path().equals("/participants/" + first.id()));
        var warning = waitFor(By.cssSelector("#booking .notice--warning"));
        assertThat(warning.getText()).contains("under skoltid");
        assertThat(warning.getAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElement(By.id("booking")).getText()).contains("2031-03-11 kl. 10:00–11:00");
        assertNoAxeViolations();

        open("/bookings");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("B01").contains("skoltid");
        assertNoAxeViolations();
        logout();

        // Inez, now B01's interviewer, downloads the calendar file: pseudonym and place, no name.
        login(org.interviewers().get(2), TestFixtures.PASSWORD);
        open("/participants/" + first.id());
        assertNoAxeViolations();
        var file = download(By.linkText("Hämta kalenderfil (.ics)"));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/calendar");
        assertThat(file.text()).contains("SUMMARY:Intervju B01").contains("LOCATION:Biblioteket\\, rummet vid entrén")
                .doesNotContain("Elsa");
        open("/bookings");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("B01").doesNotContain("B02");
        assertNoAxeViolations();
    }
}
