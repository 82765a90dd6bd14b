package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.audit.AuditLog;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.DecisionWorld;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.Outcome;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.round.Bookings;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * Each role's start page answers "what needs me now?" with short lists, and the figures are those of
 * the data the test built: the process lead's rounds with consent, interviews, coding and the next
 * step; the interviewer's bookings, drafts and reflections; the unit manager's proposals and overdue
 * actions; R&D staff and administrators get a plain text about what the page offers them instead of
 * "no rounds". axe and the width check at 1280, 820 and 390 px on each.
 */
@IntegrationTest
class StartPagesBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired Organization organization;
    @Autowired CodingWorld codingWorld;
    @Autowired DecisionWorld decisionWorld;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Bookings bookings;
    @Autowired Decisions decisions;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    /**
     * Keeps a picture of the page at the tablet width in target/screenshots/, from which the README's
     * pictures in docs/screenshots/ are taken.
     */
    private void screenshot(String name) {
        atWidth(820);
        try {
            var dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            java.nio.file.Files.write(dir.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            atWidth(1280);
        }
    }

    private void moveTo(String lead, long roundId, Stage stage) {
        TestFixtures.run(lead, () -> {
            while (rounds.get(roundId).stage() != stage) {
                rounds.advance(roundId);
            }
        });
    }

    @Test
    void theProcessLeadSeesEachRoundsFiguresAndItsNextStep() {
        var w = codingWorld.create();
        var lead = w.org().processLead();
        moveTo(lead, w.roundId(), Stage.ANALYSIS);
        var plannedTitle = "Nästa års omgång " + w.org().suffix();
        var planned = codingWorld.emptyRound(w.org(), plannedTitle);
        var children = TestFixtures.as(lead, () -> participants.of(w.roundId()));
        var answered = children.stream().filter(p -> p.consent() != ConsentStatus.PENDING).count();
        var toInterview = children.stream().filter(p -> p.consent() == ConsentStatus.CONSENTED && p.interviewerId() != null).count();

        login(lead, TestFixtures.PASSWORD);
        open("/");
        var page = driver.findElement(By.tagName("main")).getText();
        assertThat(page).doesNotContain("Det finns inga omgångar");
        var round = driver.findElement(By.id("lead-round-" + w.roundId()));
        assertThat(round.getText())
                .contains(w.title(), "Steg: Analys")
                .contains("Samtycke: " + answered + " av " + children.size() + " har svarat")
                // Both interviews of the world are complete.
                .contains("Intervjuer: 2 av " + toInterview + " intervjuer klara")
                // Each interview holds the child's words to one question; nothing is coded yet.
                .contains("Kodning: 0 av 2 svar kodade");
        var next = round.findElement(By.cssSelector(".next-step a"));
        assertThat(next.getText()).isEqualTo("Koda texterna");
        assertThat(next.getAttribute("href")).endsWith("/rounds/" + w.roundId() + "/coding");

        // The round still being planned: no children yet, no coding line, and moving on is next.
        var plannedRound = driver.findElement(By.id("lead-round-" + planned));
        assertThat(plannedRound.getText()).contains(plannedTitle, "Steg: Planering", "Samtycke: inga barn inbjudna ännu",
                        "Intervjuer: 0 av 0 intervjuer klara")
                .doesNotContain("Kodning");
        assertThat(plannedRound.findElement(By.cssSelector(".next-step a")).getText()).isEqualTo("Gå vidare till urval och inbjudan");
        checkAtEveryWidth();
        screenshot("start-process-lead-820");

        next.click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/coding"));
    }

    @Test
    void theInterviewerSeesBookingsDraftsAndReflectionsToWrite() {
        var w = codingWorld.create();
        var lead = w.org().processLead();
        moveTo(lead, w.roundId(), Stage.REFLECTION);
        var bookedOn = LocalDate.now(AuditLog.ZONE).plusDays(10);
        // A third child for the second interviewer: booked, and the interview begun as a draft.
        var third = TestFixtures.as(lead, () -> {
            var p = participants.add(w.roundId(), new ParticipantService.NewParticipant(14, null, "Tredje", null,
                    List.of(), List.of()));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), w.org().interviewerIds().get(1));
            bookings.book(p.id(), new Bookings.BookingInput(bookedOn, LocalTime.of(16, 0), "Fritidsgården Norr"));
            return p;
        });
        TestFixtures.run(w.otherInterviewer(), () -> interviews.open(third.id()));
        var pseudonymB = TestFixtures.as(lead, () -> participants.get(w.childB()).pseudonym());

        login(w.otherInterviewer(), TestFixtures.PASSWORD);
        open("/");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Det finns inga omgångar");
        assertThat(driver.findElements(By.id("lead-section"))).isEmpty();
        assertThat(driver.findElement(By.id("interviewer-section")).getText())
                .contains("Du har 2 tilldelade intervjuer.");
        assertThat(driver.findElement(By.id("upcoming-bookings")).getText())
                .contains(bookedOn + " kl 16:00–17:00, Fritidsgården Norr", third.pseudonym() + " i " + w.title());
        assertThat(driver.findElement(By.id("drafts")).getText())
                .contains("Intervjun med " + third.pseudonym() + " (" + w.title() + ") är ett utkast.");
        assertThat(driver.findElement(By.id("drafts")).findElement(By.tagName("a")).getAttribute("href"))
                .contains("/interviews/");
        assertThat(driver.findElement(By.id("reflections")).getText())
                .contains("Intervjun med " + pseudonymB + " (" + w.title() + ") är klar, men reflektionen är inte skriven.");
        checkAtEveryWidth();
        screenshot("start-interviewer-820");
        logout();

        // The first interviewer has done everything: each empty list says so.
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/");
        assertThat(driver.findElement(By.id("interviewer-section")).getText())
                .contains("Du har en tilldelad intervju.", "Inga bokade intervjuer de närmaste månaderna.",
                        "Inga intervjuer att skriva färdigt.", "Inga reflektioner att skriva.");
        checkAtEveryWidth();
    }

    @Test
    void theUnitManagerSeesProposalsToDecideAndOverdueActions() {
        var w = decisionWorld.create();
        var today = LocalDate.now(AuditLog.ZONE);
        var first = w.proposals().get(0);
        TestFixtures.run(w.manager(), () -> {
            decisions.decide(w.roundId(), new Decisions.DecisionInput(first, Outcome.APPROVED, null,
                    DecidingBody.COMMITTEE, today.minusDays(30), "Nämndens ordförande", null));
            decisions.addAction(w.roundId(), new Decisions.NewAction(first, "Samma socialsekreterare hela utredningen",
                    w.org().managerId(), today.minusDays(3)));
        });
        var waiting = w.proposals().size() - 1;

        login(w.manager(), TestFixtures.PASSWORD);
        open("/");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Det finns inga omgångar");
        var proposals = driver.findElement(By.id("proposals-waiting")).getText();
        assertThat(proposals).contains((waiting == 1 ? "1 förslag väntar" : waiting + " förslag väntar") + " på beslut i " + w.title() + ".");
        assertThat(driver.findElement(By.id("overdue-actions")).getText()).contains("En åtgärd är försenad.");
        assertThat(driver.findElement(By.id("overdue-list")).getText())
                .contains("”Samma socialsekreterare hela utredningen” skulle vara klar " + today.minusDays(3));
        checkAtEveryWidth();
        driver.findElement(By.linkText("Besluta förslagen i " + w.title())).click();
        waitUntil(d -> path().equals("/rounds/" + w.roundId() + "/decisions"));
    }

    @Test
    void researchStaffAndAdministratorsAreToldWhatThePageOffersThem() {
        var org = fixtures.organisation();
        var analyst = "fou-" + org.suffix();
        fixtures.staff(analyst, "Frida FoU", org.unitId(), Role.RD_ANALYST);
        login(analyst, TestFixtures.PASSWORD);
        open("/");
        var main = driver.findElement(By.tagName("main")).getText();
        assertThat(main).doesNotContain("Det finns inga omgångar", "Dina intervjuer");
        assertThat(driver.findElement(By.id("analyst-section")).getText())
                .contains("Som FoU-stöd ser du inte enheternas omgångar här", "kommer i en senare version");
        assertThat(driver.findElement(By.linkText("Läs intervjuguiderna")).getAttribute("href")).endsWith("/guides");
        checkAtEveryWidth();
        logout();

        var admin = "adm-" + org.suffix();
        organization.createStaff(admin, "Ada Admin", null, null, TestFixtures.PASSWORD, true);
        login(admin, TestFixtures.PASSWORD);
        open("/");
        main = driver.findElement(By.tagName("main")).getText();
        assertThat(main).doesNotContain("Det finns inga omgångar", "Dina intervjuer");
        assertThat(driver.findElement(By.id("admin-section")).getText())
                .contains("Som administratör ser du inga omgångar och inga barn.");
        assertThat(driver.findElement(By.linkText("Kommuner, enheter och personal")).getAttribute("href")).endsWith("/admin");
        checkAtEveryWidth();
    }
}
