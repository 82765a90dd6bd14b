package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * Children's first names in the interviews, in a browser: the interviewer sees their child's name
 * flagged beside the field and replaces it by keyboard; the process lead reviews the names in the
 * round and opens the interviews for the unit. Both pages pass axe and fit 1280, 820 and 390 px
 * without scrolling sideways.
 */
@IntegrationTest
class InterviewNamesBrowserIT extends BrowserTest {

    private static final List<Integer> WIDTHS = List.of(1280, 820, 390);

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Guides guides;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void theInterviewerReplacesTheChildsNameAndTheProcessLeadReviewsAndOpens() throws Exception {
        var org = fixtures.organisation();
        var guideId = guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten")).findFirst()
                .orElseThrow().id();
        long[] ids = TestFixtures.as(org.processLead(), () -> {
            var round = rounds.create(org.unitId(), guideId, new RoundService.Plan("Namnomgång " + org.suffix(),
                    LocalDate.of(2026, 2, 1), LocalDate.of(2026, 10, 31), 4, null));
            return new long[] {round.id(), child(round.id(), "Tyra", org.interviewerIds().get(0)),
                    child(round.id(), "Hugo", org.interviewerIds().get(1))};
        });
        var roundId = ids[0];
        var interviewId = TestFixtures.as(org.interviewers().get(0), () -> interviews.open(ids[1]).id());

        // The interviewer writes the child's name in the notes and saves.
        login(org.interviewers().get(0), TestFixtures.PASSWORD);
        open("/interviews/" + interviewId);
        press(By.cssSelector(".area-nav__link[href='#about']"));
        fill(By.id("notes"), "Tyra ville sitta vid fönstret och Tyras mamma väntade utanför.");
        press(By.cssSelector(".interview-actions button[value=save]"));
        waitFor(By.cssSelector(".name-flags"));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Barnets förnamn står i 1 fält");
        assertThat(driver.findElement(By.id("name-summary")).getText()).contains("de fria anteckningarna");
        everyWidth("interview-flag", By.cssSelector(".name-flags"));
        everyWidth("interview-summary", By.id("name-summary"));

        // Completing is refused and names the field; the replacement is one key press.
        press(By.cssSelector(".interview-actions button[value=complete]"));
        driver.switchTo().alert().accept();
        waitFor(By.id("error-summary"));
        assertThat(driver.findElement(By.id("error-summary")).getText()).contains("”Tyra” står kvar i de fria anteckningarna");
        press(By.cssSelector(".name-flag__pseudonym"));
        waitUntil(d -> d.findElements(By.cssSelector(".name-flags")).isEmpty());
        assertThat(driver.findElement(By.id("notes")).getAttribute("value"))
                .isEqualTo("B01 ville sitta vid fönstret och B01:s mamma väntade utanför.");
        assertNoAxeViolations();

        // Hugo's name in Tyra's interview is not the interviewer's to know: the process lead finds it.
        TestFixtures.run(org.interviewers().get(0), () -> {
            var view = interviews.get(interviewId);
            interviews.save(interviewId, view.version(), InterviewDraft.of(List.of(), view.notes() + " Hugo i klassen har också kontakt."));
            interviews.complete(interviewId, interviews.get(interviewId).version());
        });
        TestFixtures.run(org.processLead(), () -> {
            while (rounds.get(roundId).stage() != Stage.ANALYSIS) {
                rounds.advance(roundId);
            }
        });
        logout();
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + roundId);
        driver.findElement(By.id("interview-names")).click();
        waitFor(By.cssSelector(".name-review"));
        assertThat(driver.findElement(By.cssSelector(".name-review")).getText()).contains("B01", "de fria anteckningarna", "”Hugo”");
        everyWidth("name-review", By.cssSelector(".name-review"));
        press(By.cssSelector(".name-review__child"));
        waitFor(By.cssSelector(".name-review-page .notice--success"));
        assertThat(driver.findElements(By.cssSelector(".name-review"))).isEmpty();
        press(By.cssSelector(".name-review__open"));
        waitFor(By.cssSelector(".name-review__opened"));
        everyWidth("name-review-opened", By.cssSelector(".name-review__opened"));
        assertThat(TestFixtures.as(org.interviewers().get(1), () -> interviews.get(interviewId)).notes())
                .isEqualTo("B01 ville sitta vid fönstret och B01:s mamma väntade utanför. [barnet] i klassen har också kontakt.");
    }

    private long child(long roundId, String name, long interviewerId) {
        var p = participants.add(roundId, new ParticipantService.NewParticipant(15, null, name, null, List.of(), List.of()));
        participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.NOT_NEEDED);
        participants.assign(p.id(), interviewerId);
        return p.id();
    }

    /** At each width: no sideways scrolling, axe passes, and a screenshot to look at (target/screenshots). */
    private void everyWidth(String name, By shown) throws Exception {
        try {
            for (var width : WIDTHS) {
                driver.manage().window().setSize(new Dimension(width, 1000));
                driver.navigate().refresh();
                waitFor(By.tagName("main"));
                var js = (JavascriptExecutor) driver;
                var scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).intValue();
                var client = ((Number) js.executeScript("return document.documentElement.clientWidth;")).intValue();
                assertThat(scroll).as("%s at %d px scrolls sideways", name, width).isLessThanOrEqualTo(client);
                assertNoAxeViolations();
                js.executeScript("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(shown));
                var shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
                var file = Path.of("target", "screenshots", name + "-" + width + ".png");
                Files.createDirectories(file.getParent());
                Files.write(file, shot);
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private void press(By button) {
        var element = driver.findElement(button);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", element);
        element.sendKeys(Keys.ENTER);
    }
}
