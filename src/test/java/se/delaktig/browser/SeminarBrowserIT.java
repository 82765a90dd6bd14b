package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.InterviewedRound;
import se.delaktig.seminar.AnalysedRound;
import se.delaktig.seminar.Seminars;

/**
 * The seminar's shared screen: a proposal added in one browser appears in another person's browser
 * without that page being reloaded.
 */
@IntegrationTest
class SeminarBrowserIT extends BrowserTest {

    @Autowired InterviewedRound interviewedRound;
    @Autowired AnalysedRound analysedRound;
    @Autowired Seminars seminars;

    private WebDriver second;
    private ChromeDriverService secondService;
    private Path secondProfile;

    @BeforeEach
    void signedOutAndSecondBrowser() throws IOException {
        open("/login");
        driver.manage().deleteAllCookies();
        // A second, separate browser with its own profile: the other person in the seminar room.
        var installation = ((BrowserInstallation.Found) BrowserInstallation.lookup()).installation();
        secondProfile = Files.createTempDirectory("delaktig-chromium-second-");
        secondService = new ChromeDriverService.Builder()
                .usingDriverExecutable(installation.chromedriver().toFile()).usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(installation.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + secondProfile.toAbsolutePath());
        second = new ChromeDriver(secondService, options);
        second.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    @AfterEach
    void quitSecondBrowser() throws IOException {
        try {
            if (second != null) {
                second.quit();
            }
        } finally {
            if (secondService != null) {
                secondService.stop();
            }
            if (secondProfile != null) {
                FileSystemUtils.deleteRecursively(secondProfile);
            }
        }
    }

    /** Runs the steps in the second browser, with all of BrowserTest's helpers. */
    private void inSecondBrowser(Runnable steps) {
        var first = driver;
        driver = second;
        try {
            steps.run();
        } finally {
            driver = first;
        }
    }

    private void clickCentred(By locator) {
        var element = driver.findElement(locator);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    @Test
    void aProposalAddedInOneBrowserAppearsInTheOtherWithoutReloading() {
        var round = interviewedRound.create();
        var org = round.org();
        var live = "/rounds/" + round.roundId() + "/seminar/live";
        TestFixtures.run(org.processLead(), () -> seminars.saveRecord(round.roundId(), new Seminars.RecordInput(null,
                Set.of(org.processLeadId(), org.interviewerIds().get(0)), null)));

        // The interviewer ticks off an interview on the reading list.
        login(org.interviewers().get(0), TestFixtures.PASSWORD);
        open("/rounds/" + round.roundId() + "/seminar");
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Seminarium");
        clickCentred(By.cssSelector("#reading input[type=checkbox]"));
        clickCentred(By.xpath("//button[normalize-space()='Spara läslistan']"));
        waitUntil(d -> d.getPageSource().contains("Läslistan är sparad."));
        assertNoAxeViolations();

        // The process lead has the live page open in the other browser, and marks the page so a reload shows.
        inSecondBrowser(() -> {
            login(org.processLead(), TestFixtures.PASSWORD);
            open("/rounds/" + round.roundId() + "/seminar");
            assertThat(driver.findElement(By.cssSelector("table caption")).getText()).isEqualTo("Läsningen per deltagare");
            assertThat(driver.findElement(By.tagName("table")).getText()).contains("Ida Intervjuare", "1 av 3");
            assertNoAxeViolations();
            open(live);
            waitFor(By.id("proposal-list"));
            assertThat(driver.findElement(By.id("proposal-list")).getText()).contains("Inga förslag ännu.");
            ((JavascriptExecutor) driver).executeScript("window.delaktigNotReloaded = true;");
            assertNoAxeViolations();
        });

        // The interviewer adds a proposal with its area and support in the material.
        open(live);
        fill(By.id("text"), "Barnet ska få behålla samma socialsekreterare");
        new Select(driver.findElement(By.id("areaCode"))).selectByVisibleText("Kontakt");
        fill(By.id("evidence"), "Två av tre barn har bytt socialsekreterare");
        clickCentred(By.xpath("//button[normalize-space()='Lägg till förslaget']"));
        waitUntil(d -> d.getPageSource().contains("Förslaget är tillagt."));
        assertThat(driver.findElement(By.id("proposal-list")).getText())
                .contains("Barnet ska få behålla samma socialsekreterare", "Kontakt", "Två av tre barn har bytt");

        // … and the lead sees it appear on the page that was already open.
        inSecondBrowser(() -> {
            waitUntil(d -> d.findElement(By.id("proposal-list")).getText()
                    .contains("Barnet ska få behålla samma socialsekreterare"));
            assertThat(((JavascriptExecutor) driver).executeScript("return window.delaktigNotReloaded === true;"))
                    .isEqualTo(true);
            assertThat(driver.findElement(By.id("proposal-list")).getText()).contains("Två av tre barn har bytt");

            // The lead adds a second proposal and ranks it first.
            fill(By.id("text"), "Förklara beslut så att barnet förstår");
            clickCentred(By.xpath("//button[normalize-space()='Lägg till förslaget']"));
            waitUntil(d -> d.getPageSource().contains("Förslaget är tillagt."));
            clickCentred(By.cssSelector("button[aria-label='Flytta upp förslag 2']"));
            waitUntil(d -> d.findElements(By.cssSelector("#proposal-list li")).size() == 2
                    && d.findElements(By.cssSelector("#proposal-list li")).get(0).getText().contains("Förklara beslut"));
            assertNoAxeViolations();
        });

        // The interviewer's page follows the new order, again without reloading.
        ((JavascriptExecutor) driver).executeScript("window.delaktigNotReloaded = true;");
        waitUntil(d -> d.findElements(By.cssSelector("#proposal-list li")).size() == 2
                && d.findElements(By.cssSelector("#proposal-list li")).get(0).getText().contains("Förklara beslut"));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.delaktigNotReloaded === true;")).isEqualTo(true);
        assertNoAxeViolations();
    }

    @Test
    void aProposalWithACodeAnApprovedQuoteAndACountAppearsWithItsEvidenceInTheOtherBrowser() {
        var a = analysedRound.create();
        var org = a.org();
        var id = a.roundId();
        var live = "/rounds/" + id + "/seminar/live";
        TestFixtures.run(org.processLead(), () -> seminars.saveRecord(id, new Seminars.RecordInput(null,
                Set.of(org.processLeadId(), org.interviewerIds().get(0)), null)));

        // The process lead has the shared screen open.
        inSecondBrowser(() -> {
            login(org.processLead(), TestFixtures.PASSWORD);
            open(live);
            waitFor(By.id("proposal-list"));
            ((JavascriptExecutor) driver).executeScript("window.delaktigNotReloaded = true;");
        });

        // The interviewer chooses the area: the evidence narrows to that area, and all of it can be shown.
        login(org.interviewers().get(0), TestFixtures.PASSWORD);
        open(live);
        var listened = By.id("code-" + a.codes().get(AnalysedRound.LISTENED));
        fill(By.id("text"), "Barnet ska få behålla samma socialsekreterare");
        new Select(driver.findElement(By.id("areaCode"))).selectByVisibleText("Kontakt");
        waitUntil(d -> !d.findElement(listened).isDisplayed());
        assertThat(driver.findElement(By.cssSelector("[data-evidence-status]")).getText()).startsWith("Visar");
        clickCentred(By.id("evidence-show-all"));
        waitUntil(d -> d.findElement(listened).isDisplayed());
        clickCentred(By.id("evidence-show-all"));
        waitUntil(d -> !d.findElement(listened).isDisplayed());
        // The candidate quote is not offered at all.
        assertThat(driver.findElements(By.id("quote-" + a.candidate()))).isEmpty();
        assertNoAxeViolations();

        // Ticked by keyboard: a theme, an approved quote and a count.
        for (var box : java.util.List.of("code-" + a.codes().get(AnalysedRound.CHANGED), "quote-" + a.quoteChanged(),
                "count-" + a.changedWorkerQuestion())) {
            var element = driver.findElement(By.id(box));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            element.sendKeys(Keys.SPACE);
            assertThat(element.isSelected()).as(box).isTrue();
        }
        clickCentred(By.xpath("//button[normalize-space()='Lägg till förslaget']"));
        waitUntil(d -> d.getPageSource().contains("Förslaget är tillagt."));
        assertThat(driver.findElement(By.id("proposal-list")).getText())
                .contains("Tema: Byte av socialsekreterare – två av tre barn", "Citat: ”" + AnalysedRound.QUOTE_CHANGED + "”",
                        "Siffra: Två av tre barn svarar ja");
        assertNoAxeViolations();

        // The lead sees it appear with its evidence, without reloading, and opens the agenda.
        inSecondBrowser(() -> {
            waitUntil(d -> d.findElement(By.id("proposal-list")).getText().contains("Byte av socialsekreterare – två av tre barn"));
            var list = driver.findElement(By.id("proposal-list")).getText();
            assertThat(list).contains("Barnet ska få behålla samma socialsekreterare",
                    "Citat: ”" + AnalysedRound.QUOTE_CHANGED + "”", "Siffra: Två av tre barn svarar ja");
            assertThat(((JavascriptExecutor) driver).executeScript("return window.delaktigNotReloaded === true;"))
                    .isEqualTo(true);

            open("/rounds/" + id + "/seminar");
            clickCentred(By.linkText("Dagordningen"));
            waitFor(By.cssSelector("ol.agenda__items"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Dagordning för seminariet");
            var agenda = driver.findElement(By.cssSelector("ol.agenda__items")).getText();
            assertThat(agenda).contains("Inledning", "Byte av socialsekreterare – två av tre barn", AnalysedRound.QUOTE_CHANGED,
                    "Barnet ska få behålla samma socialsekreterare", "Rangordna förslagen");
            assertThat(agenda).doesNotContain(AnalysedRound.CANDIDATE);
            assertNoAxeViolations();
            var pdf = download(By.linkText("Ladda ned dagordningen som PDF"));
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.contentType()).isEqualTo("application/pdf");

            open("/rounds/" + id + "/seminar/agenda?lang=en");
            waitUntil(d -> d.findElement(By.tagName("h1")).getText().startsWith("Seminar agenda"));
            assertThat(driver.findElement(By.cssSelector("ol.agenda__items")).getText())
                    .contains("Opening", "Byte av socialsekreterare – two of three children", "Rank the proposals");
            assertNoAxeViolations();
            open("/rounds/" + id + "/seminar/agenda?lang=sv");
        });
    }
}
