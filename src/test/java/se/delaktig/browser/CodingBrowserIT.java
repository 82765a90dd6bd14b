package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.Segment;

/**
 * Coding with the keyboard only: select part of a child's words with Shift and the arrow keys, pick
 * a code and save, and the code shows on the text, its passage highlighted, without the page reloading.
 */
@IntegrationTest
class CodingBrowserIT extends BrowserTest {

    @Autowired CodingWorld worlds;
    @Autowired Codebooks codebooks;
    @Autowired Codings codings;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void aSpanOfAChildsWordsIsCodedWithoutReloadingThePage() {
        var w = worlds.create();
        var code = TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals("Byte av socialsekreterare")).findFirst().orElseThrow();
        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId() + "/coding");
        waitFor(By.id("coding-form"));
        assertNoAxeViolations();
        var js = (JavascriptExecutor) driver;
        js.executeScript("window.codingMarker = 'still here';");

        var area = textOf(w.interviewA());
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", area);
        area.click();
        // Typing into the text does not change it: it is the child's words, not an editor.
        new Actions(driver).sendKeys("x").perform();
        new Actions(driver).sendKeys(Keys.BACK_SPACE).perform();
        assertThat(area.getAttribute("textContent")).isEqualTo(CodingWorld.WORDS_A);
        // Keys go to the focused text box as a person presses them: to the start, then Shift+Right.
        var selected = "Jag har haft tre olika socialsekreterare";
        var keys = new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.HOME).keyUp(Keys.CONTROL).keyDown(Keys.SHIFT);
        for (int i = 0; i < selected.length(); i++) {
            keys = keys.sendKeys(Keys.ARROW_RIGHT);
        }
        keys.keyUp(Keys.SHIFT).sendKeys(Keys.TAB).perform();
        var pick = driver.switchTo().activeElement();
        assertThat(pick.getText()).isEqualTo("Koda markerad text");
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        waitUntil(d -> driver.findElement(By.id("coding-selection")).getText().contains(selected));
        var box = driver.findElement(By.id("pick-" + code.id()));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        assertThat(driver.switchTo().activeElement().getAttribute("name")).isEqualTo("codeIds");
        box.sendKeys(Keys.SPACE);
        var save = driver.findElement(By.cssSelector("#coding-form button[type=submit]"));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();

        var list = driver.findElement(By.id(area.getAttribute("data-list")));
        waitUntil(d -> list.getText().contains("”" + selected + "”"));
        assertThat(list.getText()).contains("Byte av socialsekreterare");
        // …and the passage is highlighted in the text, the code named for a screen reader.
        waitUntil(d -> !area.findElements(By.tagName("mark")).isEmpty());
        assertThat(area.findElement(By.tagName("mark")).getAttribute("textContent"))
                .isEqualTo("Kodat med Byte av socialsekreterare: " + selected);
        assertThat(driver.findElement(By.id("coding-status")).getText()).startsWith("Sparat:");
        assertThat(js.executeScript("return window.codingMarker;")).isEqualTo("still here");
        List<Segment> saved = TestFixtures.as(w.interviewer(), () -> codings.codePage(w.roundId(), code.id())).segments();
        assertThat(saved).extracting(Segment::excerpt).containsExactly(selected);
        assertNoAxeViolations();

        // The code's own page shows the segment and counts the child.
        open("/rounds/" + w.roundId() + "/codes/" + code.id());
        assertThat(driver.findElement(By.cssSelector(".code-page__children")).getText()).isEqualTo("1 barn");
        assertNoAxeViolations();
        open("/rounds/" + w.roundId() + "/codebook");
        waitFor(By.tagName("h1"));
        assertNoAxeViolations();
    }

    private WebElement textOf(long interviewId) {
        return driver.findElements(By.cssSelector(".coding-text__body")).stream()
                .filter(t -> t.getAttribute("data-source").startsWith(interviewId + ":CHILD_WORDS:")
                        && !t.getAttribute("data-source").startsWith(interviewId + ":CHILD_WORDS::"))
                .findFirst().orElseThrow();
    }

}
