package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.TrendsWorld;

/**
 * A unit manager follows the link from a round to the comparison over the years, narrows it to the
 * girls, unticks a round and meets the form's error, and reads it in English – axe on every page.
 */
@IntegrationTest
class TrendsBrowserIT extends BrowserTest {

    @Autowired TrendsWorld trendsWorld;

    @Test
    void comparingTheRoundsOverTheYearsInSwedishAndEnglish() {
        var w = trendsWorld.create();
        open("/login");
        driver.manage().deleteAllCookies();
        login(w.org().manager(), TestFixtures.PASSWORD);

        open("/rounds/" + w.round2026());
        click(By.cssSelector("a[href$='/units/" + w.org().unitId() + "/trends']"));
        var chart = waitFor(By.cssSelector("[data-key='" + TrendsWorld.CHANGED + "'] svg.chart[role=img]"));
        assertThat(chart.findElement(By.tagName("title")).getAttribute("textContent"))
                .startsWith("Diagram: andel som svarar ”Ja” per omgång");
        assertThat(chart.getAttribute("aria-describedby")).contains("-table");
        var added = driver.findElement(By.cssSelector("[data-key='" + TrendsWorld.SAFE + "'] table"));
        assertThat(added.getText()).contains("ingen fråga det året");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain(TrendsWorld.SECRET_WORDS);
        assertNoAxeViolations();

        // Only the girls: the small numbers read "färre än 5".
        new Select(driver.findElement(By.id("group"))).selectByValue("GENDER:GIRL");
        click(By.cssSelector("form.trends__form button[type=submit]"));
        waitUntil(d -> query().contains("group=GENDER"));
        var table = waitFor(By.cssSelector("[data-key='" + TrendsWorld.CHANGED + "'] table"));
        assertThat(table.findElements(By.cssSelector("td.suppressed"))).isNotEmpty()
                .allSatisfy(td -> assertThat(td.getText()).isEqualTo("färre än 5"));
        assertNoAxeViolations();

        // Every round unticked: the form says so, by keyboard reach of the summary link.
        for (var box : driver.findElements(By.cssSelector("input[name=rounds]:checked"))) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
            box.click();
        }
        click(By.cssSelector("form.trends__form button[type=submit]"));
        var error = waitFor(By.id("rounds-error"));
        assertThat(error.getText()).isEqualTo("Välj minst en omgång att jämföra.");
        assertNoAxeViolations();

        open("/units/" + w.org().unitId() + "/trends?lang=en");
        waitFor(By.cssSelector("[data-key='" + TrendsWorld.SAFE + "'] table"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("no such question that year",
                "Comparison over the years");
        assertNoAxeViolations();
        open("/units/" + w.org().unitId() + "/trends?group=GENDER:BOY");
        waitFor(By.cssSelector("[data-key='" + TrendsWorld.CHANGED + "'] td.suppressed"));
        assertThat(driver.findElement(By.cssSelector("[data-key='" + TrendsWorld.CHANGED + "'] td.suppressed")).getText())
                .isEqualTo("fewer than 5");
        assertNoAxeViolations();
        open("/?lang=sv");
    }

    private void click(By locator) {
        var element = waitFor(locator);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
