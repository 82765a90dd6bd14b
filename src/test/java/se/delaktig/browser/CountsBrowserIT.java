package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.SmallRound;
import se.delaktig.round.Gender;

/** The counts page with its charts and a suppressed breakdown, as a process lead sees it, checked with axe. */
@IntegrationTest
class CountsBrowserIT extends BrowserTest {

    @Autowired SmallRound smallRound;

    @Test
    void countsPageWithChartsAndASuppressedBreakdown() {
        // Seven girls and three boys: the girls' group is shown, the boys' and the empty groups read
        // "färre än 5". (With every group under five the page would say so once instead of a table.)
        var round = smallRound.create(null, List.of(
                new SmallRound.Child(10, Gender.GIRL, "YES"), new SmallRound.Child(11, Gender.GIRL, "YES"),
                new SmallRound.Child(15, Gender.GIRL, "YES"), new SmallRound.Child(16, Gender.GIRL, "NO"),
                new SmallRound.Child(13, Gender.GIRL, "YES"), new SmallRound.Child(14, Gender.GIRL, "NO"),
                new SmallRound.Child(9, Gender.GIRL, "DONT_KNOW"),
                new SmallRound.Child(7, Gender.BOY, "YES"), new SmallRound.Child(12, Gender.BOY, "NO"),
                new SmallRound.Child(17, Gender.BOY, "YES")));
        open("/login");
        driver.manage().deleteAllCookies();
        login(round.org().processLead(), TestFixtures.PASSWORD);

        open("/rounds/" + round.roundId() + "/counts");
        var chart = waitFor(By.cssSelector("svg.chart[role=img]"));
        assertThat(chart.findElement(By.tagName("title")).getAttribute("textContent")).startsWith("Diagram: ");
        assertThat(chart.getAttribute("aria-describedby")).contains("table-");

        // The first question of the first area, which nobody answered here: its breakdown by gender shows
        // the girls' group and hides every small number. (The answered question "Har du fått byta
        // socialsekreterare?" is not broken down by gender: its hidden cells could be worked out.)
        var details = driver.findElements(By.cssSelector("details.counts__breakdowns")).stream()
                .filter(d -> d.findElements(By.cssSelector("caption")).stream()
                        .anyMatch(c -> c.getAttribute("textContent").startsWith("Hur ofta brukar du träffa din socialsekreterare")))
                .findFirst().orElseThrow();
        var summary = details.findElement(By.tagName("summary"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", summary);
        summary.click();
        var gender = details.findElement(By.cssSelector("table[data-dimension=GENDER]"));
        assertThat(gender.isDisplayed()).isTrue();
        var suppressed = gender.findElements(By.cssSelector("td.suppressed"));
        assertThat(suppressed).isNotEmpty();
        assertThat(suppressed).allSatisfy(td -> assertThat(td.getText()).isEqualTo("färre än 5"));
        assertNoAxeViolations();
    }
}
