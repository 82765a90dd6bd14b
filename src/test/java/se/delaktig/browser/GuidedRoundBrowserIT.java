package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.LetterRecipient;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * The round page guides its own work: the current step's checklist says what is done and what is
 * missing in the fixture's real figures, the primary button is the next real action, moving on with
 * work undone lists it and asks (without JavaScript, by keyboard), and entering the analysis always
 * asks and says that the interviews get locked. axe and the width check at 1280, 820 and 390 px.
 */
@IntegrationTest
class GuidedRoundBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired CodingWorld codingWorld;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void clickCentred(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private Stage stageOf(String lead, long roundId) {
        return TestFixtures.as(lead, () -> rounds.get(roundId).stage());
    }

    @Test
    void theSelectionStepListsWhatIsMissingAndMovingOnAsksFirst() {
        var org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide, new RoundService.Plan(
                "Guidad omgång " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 4,
                LocalDate.of(2026, 10, 1))));
        var children = TestFixtures.as(org.processLead(), () -> {
            rounds.advance(round.id());
            var ids = new java.util.ArrayList<Long>();
            for (int age : List.of(16, 12, 9)) {
                ids.add(participants.add(round.id(), new ParticipantService.NewParticipant(age, null, "Barn" + age,
                        null, List.of(), List.of())).id());
            }
            // The oldest child has said yes on her own; a letter went to the second child's home only.
            participants.recordConsent(ids.get(0), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
            participants.recordLetterSent(ids.get(0), LetterRecipient.CHILD, LocalDate.of(2026, 2, 1));
            participants.recordLetterSent(ids.get(1), LetterRecipient.GUARDIANS, LocalDate.of(2026, 2, 1));
            return ids;
        });
        // The figures the page must show, from the round as the service sees it.
        var list = TestFixtures.as(org.processLead(), () -> participants.of(round.id()));
        var pending = list.stream().filter(p -> p.consent() == ConsentStatus.PENDING).count();
        var answered = list.size() - pending;
        var withLetter = TestFixtures.as(org.processLead(), () -> participants.lettersSentInRound(round.id())).size();
        assertThat(pending).isEqualTo(2);

        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + round.id());
        var step = driver.findElement(By.id("step-SELECTION"));
        assertThat(step.getAttribute("aria-current")).isEqualTo("step");
        assertThat(step.getText())
                .contains("Barn i omgången: " + list.size() + " av målet 4")
                .contains("Informationsbrev skickade: " + withLetter + " av " + list.size() + " barn")
                .contains(pending + " barn väntar på samtycke (" + answered + " av " + list.size() + " har svarat)");
        // The planning step is done and folded; later steps have no lines yet.
        assertThat(driver.findElement(By.cssSelector("#step-PLANNING details")).getText()).contains("Planering", "Klart");
        assertThat(driver.findElement(By.id("step-ANALYSIS")).getText()).contains("Analys", "kommer senare");
        assertThat(driver.findElements(By.linkText("Koda texterna"))).isEmpty();
        // The next real action: the child without any letter gets one.
        var next = driver.findElement(By.id("next-step"));
        assertThat(next.getText()).isEqualTo("Bjud in vårdnadshavarna");
        assertThat(next.getAttribute("href")).endsWith("/participants/" + children.get(2));
        assertThat(next.getAttribute("class")).contains("button--primary");
        assertThat(driver.findElement(By.id("advance")).getAttribute("class")).doesNotContain("button--primary");
        checkAtEveryWidth();

        // Moving on with work undone: the page comes back with the list and asks.
        clickCentred(driver.findElement(By.id("advance")));
        var confirm = waitFor(By.id("advance-confirm"));
        assertThat(confirm.getText()).contains("Vill du gå vidare till tilldelning och bokning?",
                pending + " barn väntar på samtycke", "Informationsbrev skickade: " + withLetter + " av " + list.size() + " barn");
        assertThat(driver.findElements(By.id("advance-locks"))).isEmpty();
        assertThat(stageOf(org.processLead(), round.id())).isEqualTo(Stage.SELECTION);
        checkAtEveryWidth();

        // "Stanna kvar" leaves the round where it is.
        clickCentred(driver.findElement(By.linkText("Stanna kvar i steget")));
        waitUntil(d -> d.findElements(By.id("advance-confirm")).isEmpty());
        assertThat(stageOf(org.processLead(), round.id())).isEqualTo(Stage.SELECTION);

        // By keyboard: Enter on "Gå vidare ändå" moves the round on.
        clickCentred(driver.findElement(By.id("advance")));
        waitFor(By.id("advance-anyway")).sendKeys(Keys.ENTER);
        waitUntil(d -> d.getPageSource().contains("Omgången står nu i steget: Tilldelning och bokning."));
        assertThat(stageOf(org.processLead(), round.id())).isEqualTo(Stage.ASSIGNMENT);

        // The next step's action: one child has consented and has no interviewer.
        var assignment = driver.findElement(By.id("step-ASSIGNMENT")).getText();
        assertThat(assignment).contains("0 av 1 barn med samtycke har en intervjuare");
        assertThat(driver.findElement(By.id("next-step")).getText()).isEqualTo("Tilldela intervjuare");
        assertThat(driver.findElement(By.id("next-step")).getAttribute("href")).endsWith("/rounds/" + round.id() + "/assignments");
        checkAtEveryWidth();
    }

    @Test
    void enteringTheAnalysisAlwaysAsksAndSaysTheInterviewsAreLocked() {
        var w = codingWorld.create();
        var lead = w.org().processLead();
        TestFixtures.run(lead, () -> {
            while (rounds.get(w.roundId()).stage() != Stage.REFLECTION) {
                rounds.advance(w.roundId());
            }
        });
        login(lead, TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId());
        // The world has two completed interviews; only the first interviewer has written a reflection.
        assertThat(driver.findElement(By.id("step-REFLECTION")).getText()).contains("1 av 2 reflektioner skrivna");
        assertThat(driver.findElement(By.cssSelector("#step-INTERVIEWS details")).getText()).contains("Intervjuer", "Klart");
        assertThat(driver.findElement(By.id("advance")).getText()).isEqualTo("Gå vidare till analys");

        clickCentred(driver.findElement(By.id("advance")));
        var confirm = waitFor(By.id("advance-confirm"));
        assertThat(confirm.getText()).contains("1 av 2 reflektioner skrivna", "Gå vidare ändå");
        assertThat(driver.findElement(By.id("advance-locks")).getText()).contains("intervjuerna");
        checkAtEveryWidth();

        // The second reflection is written: nothing is missing, and the page still asks.
        TestFixtures.run(w.otherInterviewer(), () -> interviews.saveReflection(w.interviewB(), "Jag lärde mig att lyssna."));
        open("/rounds/" + w.roundId());
        assertThat(driver.findElement(By.id("step-REFLECTION")).getText()).contains("2 av 2 reflektioner skrivna");
        clickCentred(driver.findElement(By.id("advance")));
        confirm = waitFor(By.id("advance-confirm"));
        assertThat(driver.findElements(By.id("advance-missing"))).isEmpty();
        assertThat(driver.findElement(By.id("advance-locks")).getText())
                .contains("När analysen börjar låses intervjuerna");
        assertThat(stageOf(lead, w.roundId())).isEqualTo(Stage.REFLECTION);
        var go = driver.findElement(By.id("advance-anyway"));
        assertThat(go.getText()).isEqualTo("Ja, gå vidare till analys");
        clickCentred(go);
        waitUntil(d -> d.getPageSource().contains("Omgången står nu i steget: Analys."));
        assertThat(stageOf(lead, w.roundId())).isEqualTo(Stage.ANALYSIS);

        // The analysis's links appear now, each with its state; the later steps' links do not yet.
        var analysis = driver.findElement(By.id("step-ANALYSIS"));
        for (var link : List.of("Sammanställning per fråga", "Jämför omgångarna över åren", "Kodboken", "Koda texterna",
                "Dubbelkodning och överensstämmelse", "Citat", "Personalens erfarenheter per område", "Analysmatrisen")) {
            assertThat(analysis.findElements(By.linkText(link))).as(link).hasSize(1);
        }
        // Two answers hold the children's words (one per interview of the world), none coded yet.
        assertThat(analysis.getText()).contains("Koda texterna: 0 av 2 svar kodade", "Inte påbörjad",
                "Sammanställning per fråga: 2 klara intervjuer räknas", "2 reflektioner skrivna");
        for (var later : List.of("Seminarium och förslag", "Tjänsteskrivelse till nämnden: utkast och versioner",
                "Beslut och åtgärder", "Återkoppling till barnen")) {
            assertThat(driver.findElements(By.linkText(later))).as(later).isEmpty();
        }
        assertThat(driver.findElement(By.id("next-step")).getText()).isEqualTo("Koda texterna");
        checkAtEveryWidth();
    }

    @Test
    void anInterviewerSeesTheChecklistButNoButtons() {
        var w = codingWorld.create();
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(w.roundId()).stage() != Stage.INTERVIEWS) {
                rounds.advance(w.roundId());
            }
        });
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId());
        assertThat(driver.findElement(By.id("step-INTERVIEWS")).getText()).contains("2 av 2 intervjuer klara");
        assertThat(driver.findElements(By.id("next-action"))).isEmpty();
        assertThat(driver.findElements(By.id("advance"))).isEmpty();
        checkAtEveryWidth();
    }
}
