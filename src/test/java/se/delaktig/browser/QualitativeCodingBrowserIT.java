package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Codings;
import se.delaktig.interview.CodableText;

/**
 * The coding page as a qualitative tool: coded passages highlighted in the text with the code's name
 * for screen readers, filters by child, question and "not coded yet" with a progress count, the
 * codes' descriptions beside them, and no talk of character positions anywhere.
 */
@IntegrationTest
class QualitativeCodingBrowserIT extends BrowserTest {

    private static final String DESCRIPTION = "Barnet berättar att socialsekreteraren har bytts ut, en eller flera gånger.";

    @Autowired CodingWorld worlds;
    @Autowired Codebooks codebooks;
    @Autowired Codings codings;

    @BeforeEach
    void signedOut() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @Test
    void aSelectedPassageIsHighlightedAndTheFiltersAndProgressFollowTheFixture() {
        var w = worlds.create();
        var code = code(w, "Byte av socialsekreterare");
        var place = code(w, "Tid och plats för möten");
        TestFixtures.run(w.interviewer(), () -> codebooks.describe(w.roundId(), code.id(), code.version(), DESCRIPTION));
        // The fixture has three texts: A's words, A's interviewer's reflection and B's words.
        var texts = TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts();
        assertThat(texts).extracting(t -> t.source().kind())
                .containsExactlyInAnyOrder(CodableText.Kind.CHILD_WORDS, CodableText.Kind.REFLECTION, CodableText.Kind.CHILD_WORDS);
        // B's words are coded already, by a colleague.
        var coded = "fritidsgården";
        var wordsB = texts.stream().filter(t -> t.source().interviewId() == w.interviewB()).findFirst().orElseThrow();
        var at = CodingWorld.WORDS_B.indexOf(coded);
        TestFixtures.run(w.otherInterviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest(wordsB.key(), at, at + coded.length(), List.of(place.id()), null)));

        login(w.interviewer(), TestFixtures.PASSWORD);
        open("/rounds/" + w.roundId() + "/coding");
        assertThat(waitFor(By.id("coding-progress")).getText()).isEqualTo("1 av 3 texter kodade");
        // The colleague's passage is highlighted, and a screen reader hears what it is coded with.
        var markB = textOf(w.interviewB()).findElement(By.tagName("mark"));
        assertThat(markB.getAttribute("textContent")).isEqualTo("Kodat med Tid och plats för möten: " + coded);
        assertThat(markB.getAttribute("title")).isEqualTo("Tid och plats för möten");
        assertThat(markB.findElement(By.cssSelector(".visually-hidden")).getAttribute("textContent")).isEqualTo("Kodat med Tid och plats för möten: ");
        // The code's description is beside it in the panel, and read with the box.
        var box = driver.findElement(By.id("pick-" + code.id()));
        var description = driver.findElement(By.id("pick-" + code.id() + "-description"));
        assertThat(description.getText()).isEqualTo(DESCRIPTION);
        assertThat(box.getAttribute("aria-describedby")).isEqualTo(description.getAttribute("id"));
        // Nothing speaks of character positions: a person selects words.
        var main = driver.findElement(By.tagName("main")).getText();
        assertThat(main).doesNotContain("från 0", "Från tecken", "Till tecken", "tecken");
        assertThat(driver.findElements(By.id("coding-start"))).allSatisfy(e -> assertThat(e.getAttribute("type")).isEqualTo("hidden"));
        checkAtEveryWidth();

        // Select a passage of A's words as a mouse would, pick the code and save.
        var selected = "tre olika socialsekreterare";
        var textA = textOf(w.interviewA());
        select(textA, selected);
        var pick = driver.findElement(By.cssSelector("button.coding-text__pick[data-for='" + textA.getAttribute("id") + "']"));
        scroll(pick);
        pick.click();
        assertThat(driver.findElement(By.id("coding-passage")).getAttribute("value")).isEqualTo(selected);
        assertThat(driver.switchTo().activeElement().getAttribute("name")).isEqualTo("codeIds");
        scroll(box);
        box.sendKeys(Keys.SPACE);
        var save = driver.findElement(By.cssSelector("#coding-form button[type=submit]"));
        scroll(save);
        save.click();
        waitUntil(d -> !textOf(w.interviewA()).findElements(By.tagName("mark")).isEmpty());
        var markA = textOf(w.interviewA()).findElement(By.tagName("mark"));
        assertThat(markA.getAttribute("textContent")).isEqualTo("Kodat med Byte av socialsekreterare: " + selected);
        assertThat(plainText(textOf(w.interviewA()))).isEqualTo(CodingWorld.WORDS_A);
        assertThat(driver.findElement(By.id("coding-progress")).getText()).isEqualTo("2 av 3 texter kodade");
        assertThat(TestFixtures.as(w.interviewer(), () -> codings.codePage(w.roundId(), code.id())).segments())
                .extracting(s -> s.excerpt()).containsExactly(selected);

        // After a reload the server draws the same highlight.
        open("/rounds/" + w.roundId() + "/coding");
        assertThat(textOf(w.interviewA()).findElement(By.tagName("mark")).getAttribute("textContent"))
                .isEqualTo("Kodat med Byte av socialsekreterare: " + selected);
        assertThat(driver.findElement(By.id("coding-progress")).getText()).isEqualTo("2 av 3 texter kodade");

        // One child: A's words and A's interviewer's reflection.
        new Select(driver.findElement(By.id("filter-child"))).selectByValue(String.valueOf(w.childA()));
        submitFilter();
        assertThat(articles()).hasSize(2);
        assertThat(driver.findElement(By.cssSelector(".coding__showing")).getText()).startsWith("Visar 2 av 3 texter.");
        assertThat(driver.findElement(By.id("coding-progress")).getText()).isEqualTo("2 av 3 texter kodade");
        // …not coded yet: only the reflection is left.
        driver.findElement(By.cssSelector("label[for=filter-uncoded]")).click();
        submitFilter();
        assertThat(query()).contains("child=" + w.childA(), "uncoded=true");
        assertThat(articles()).hasSize(1);
        assertThat(articles().get(0).findElement(By.cssSelector(".coding-text__body")).getAttribute("data-source"))
                .contains(":REFLECTION:");
        checkAtEveryWidth();
        // Every child, one question: the two children's words to it.
        driver.findElement(By.linkText("Visa alla texter")).click();
        waitUntil(d -> query().isEmpty());
        new Select(driver.findElement(By.id("filter-question"))).selectByValue(String.valueOf(w.questionId()));
        submitFilter();
        assertThat(articles()).hasSize(2).allSatisfy(a -> assertThat(a.findElement(By.cssSelector(".coding-text__body"))
                .getAttribute("data-source")).contains(":CHILD_WORDS:" + w.questionId() + ":"));

        // The code panel fits the window at a desktop, and comes after the texts on a phone.
        var panel = driver.findElement(By.cssSelector(".coding__panel"));
        assertThat(((JavascriptExecutor) driver).executeScript("return getComputedStyle(arguments[0]).position", panel)).isEqualTo("sticky");
        assertThat(((Number) ((JavascriptExecutor) driver).executeScript("return arguments[0].getBoundingClientRect().height", panel)).intValue())
                .isLessThanOrEqualTo(((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight")).intValue());
        atWidth(390);
        try {
            var lastText = articles().get(articles().size() - 1);
            assertThat(panel.getRect().getY()).isGreaterThan(lastText.getRect().getY() + lastText.getRect().getHeight() - 1);
        } finally {
            atWidth(1280);
        }

        // The codebook shows the description too.
        open("/rounds/" + w.roundId() + "/codebook");
        assertThat(waitFor(By.tagName("main")).getText()).contains(DESCRIPTION);
        checkAtEveryWidth();
    }

    private Code code(CodingWorld.World w, String name) {
        return TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private WebElement textOf(long interviewId) {
        return driver.findElements(By.cssSelector(".coding-text__body")).stream()
                .filter(t -> t.getAttribute("data-source").startsWith(interviewId + ":CHILD_WORDS:")
                        && !t.getAttribute("data-source").startsWith(interviewId + ":CHILD_WORDS::"))
                .findFirst().orElseThrow();
    }

    private List<WebElement> articles() {
        return driver.findElements(By.cssSelector("article.coding-text"));
    }

    private void submitFilter() {
        var before = driver.getCurrentUrl();
        driver.findElement(By.cssSelector("#coding-filter button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().equals(before));
        waitFor(By.tagName("h1"));
    }

    private void scroll(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    /** The words of a text as the person reads them, without the hidden code names. */
    private String plainText(WebElement text) {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
                let words = '';
                while (walker.nextNode()) {
                  if (!walker.currentNode.parentNode.closest('[data-aside]')) words += walker.currentNode.data;
                }
                return words;""", text);
    }

    /** Selects words in a text the way a mouse drag does, and lets go of the button. */
    static void select(WebElement text, String words) {
        ((JavascriptExecutor) driver).executeScript("""
                const [element, words] = arguments;
                element.scrollIntoView({block: 'center'});
                element.focus();
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                  const node = walker.currentNode;
                  const at = node.data.indexOf(words);
                  if (at >= 0 && !node.parentNode.closest('[data-aside]')) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    element.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return;
                  }
                }
                throw new Error('not in the text: ' + words);""", text, words);
    }
}
