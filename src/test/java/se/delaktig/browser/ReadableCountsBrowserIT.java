package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import se.delaktig.analysis.InterviewedRound;
import se.delaktig.analysis.SmallRound;
import se.delaktig.round.Gender;

/**
 * The counts page read as a process lead reads it: one presentation per question with a button to
 * switch, a filter by area that keeps the other choice, and one sentence instead of tables full of
 * "färre än 5" when the children are too few to break down.
 */
@IntegrationTest
class ReadableCountsBrowserIT extends BrowserTest {

    private static final String QUESTION = "Har du fått byta socialsekreterare någon gång?";

    @Autowired SmallRound smallRound;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void oneChartPerQuestionSwitchesToItsTableByKeyboardAndTheAreaFilterKeepsTheChoice() {
        var round = sixChildren();
        login(round.org().processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + round.roundId() + "/counts");

        var card = card(QUESTION);
        var button = card.findElement(By.cssSelector("button.counts__toggle"));
        var table = card.findElement(By.cssSelector(".counts__table"));
        var chart = card.findElement(By.cssSelector("svg.counts__chart"));
        // The chart first; its table is one button press away.
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(table.isDisplayed()).isFalse();
        assertThat(button.getText()).isEqualTo("Visa som tabell");
        assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(button.getAttribute("aria-controls")).isEqualTo(table.getAttribute("id"));

        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", button);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(d -> table.isDisplayed());
        assertThat(chart.isDisplayed()).isFalse();
        assertThat(table.getText()).contains("Ja", "4", "Nej", "2");
        assertThat(button.getText()).isEqualTo("Visa som diagram");
        assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
        driver.switchTo().activeElement().sendKeys(Keys.SPACE);
        waitUntil(d -> chart.isDisplayed());
        assertThat(table.isDisplayed()).isFalse();
        assertThat(button.getText()).isEqualTo("Visa som tabell");
        checkAtEveryWidth();

        // Every question as a table, then only the area "Att bli intervjuad": the tables stay.
        driver.findElement(By.id("counts-view-link")).click();
        waitUntil(d -> query().contains("view=table"));
        assertThat(card(QUESTION).findElement(By.cssSelector(".counts__table")).isDisplayed()).isTrue();
        assertThat(card(QUESTION).findElement(By.cssSelector("svg.counts__chart")).isDisplayed()).isFalse();
        driver.findElement(By.linkText("Att bli intervjuad")).click();
        waitUntil(d -> query().contains("area=intervjun"));
        assertThat(query()).contains("view=table");
        assertThat(driver.findElements(By.cssSelector("section[id^=area-] h2"))).extracting(WebElement::getText)
                .containsExactly("Att bli intervjuad");
        assertThat(driver.findElement(By.linkText("Att bli intervjuad")).getAttribute("aria-current")).isEqualTo("page");
        assertThat(driver.findElements(By.cssSelector(".counts__question"))).isNotEmpty()
                .allSatisfy(c -> assertThat(c.findElement(By.cssSelector(".counts__table")).isDisplayed()).isTrue());
        assertThat(driver.getPageSource()).doesNotContain(QUESTION);
        checkAtEveryWidth();

        // And back to every area, still as tables; then to charts, still in every area.
        driver.findElement(By.linkText("Alla områden")).click();
        waitUntil(d -> !query().contains("area="));
        assertThat(query()).contains("view=table");
        assertThat(driver.findElements(By.cssSelector("section[id^=area-] h2"))).hasSize(4);
        driver.findElement(By.id("counts-view-link")).click();
        waitUntil(d -> !query().contains("view=table"));
        assertThat(card(QUESTION).findElement(By.cssSelector("svg.counts__chart")).isDisplayed()).isTrue();
    }

    @Test
    void childrenTooFewToBreakDownAreSaidOnceInsteadOfTablesOfFewerThanFive() {
        // Six children: no age band and no gender has five, so every number of those breakdowns would
        // read "färre än 5". Nobody's type of contact is recorded, so that group has all six.
        var round = sixChildren();
        login(round.org().processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + round.roundId() + "/counts");

        var tooFew = driver.findElements(By.cssSelector(".counts__too-few"));
        assertThat(tooFew).hasSize(1);
        assertThat(tooFew.get(0).getText())
                .isEqualTo("För få barn för att dela upp efter ålder eller kön. Varje grupp har färre än 5 barn, så ingen sådan uppdelning visas.");
        assertThat(driver.getPageSource()).containsOnlyOnce("För få barn för att dela upp");
        assertThat(driver.findElements(By.cssSelector("[data-dimension=GENDER], [data-dimension=AGE_BAND]"))).isEmpty();

        // The type of contact is still broken down, under its own name only (here for the first question,
        // which nobody answered, so its cells are the groups' sizes).
        var details = card("Hur ofta brukar du träffa din socialsekreterare?").findElement(By.cssSelector("details.counts__breakdowns"));
        var summary = details.findElement(By.tagName("summary"));
        assertThat(summary.getText()).isEqualTo("Uppdelat på typ av kontakt");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", summary);
        summary.click();
        assertThat(details.findElement(By.cssSelector("table[data-dimension=CONTACT_TYPE]")).isDisplayed()).isTrue();
        checkAtEveryWidth();
    }

    private InterviewedRound.Created sixChildren() {
        return smallRound.create(null, List.of(
                new SmallRound.Child(10, Gender.GIRL, "YES"), new SmallRound.Child(11, Gender.GIRL, "YES"),
                new SmallRound.Child(15, Gender.GIRL, "YES"), new SmallRound.Child(16, Gender.GIRL, "NO"),
                new SmallRound.Child(7, Gender.BOY, "YES"), new SmallRound.Child(12, Gender.BOY, "NO")));
    }

    private WebElement card(String question) {
        return waitFor(By.xpath("//div[contains(@class,'counts__question')][h3[normalize-space()='" + question + "']]"));
    }
}
