package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * The process lead creates a round and adds ten children in one form, typed and pasted from a
 * spreadsheet, fixes a rejected paste, goes on to the next child in one click, and changes the
 * round's plan. Every page is checked with axe and for width at 1280, 820 and 390 px. The tests
 * count what the person does (clicks, field fills, pastes) and the pages loaded, from the list of
 * rounds to the ten children added, and print the figures.
 */
@IntegrationTest
class AddChildrenBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;

    TestFixtures.Org org;
    int actions;
    int loads;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        fixtures.smallGuide();
        open("/login");
        driver.manage().deleteAllCookies();
        actions = 0;
        loads = 0;
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private WebElement centred(By locator) {
        var element = driver.findElement(locator);
        js().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }

    /** A click that loads a new page. */
    private void navigate(By locator) {
        js().executeScript("window.__samePage = true;");
        centred(locator).click();
        actions++;
        waitUntil(d -> (Boolean) js().executeScript("return window.__samePage === undefined && document.readyState === 'complete';"));
        loads++;
    }

    /** A click that stays on the page. */
    private void click(By locator) {
        centred(locator).click();
        actions++;
    }

    private void type(By locator, String text) {
        centred(locator);
        fill(locator, text);
        actions++;
    }

    private void choose(By locator, String visibleText) {
        new Select(centred(locator)).selectByVisibleText(visibleText);
        actions++;
    }

    /** Pastes text into a field as Ctrl+V would, with the text as the clipboard's plain text. */
    private void paste(By locator, String text) {
        var field = centred(locator);
        js().executeScript("""
                const data = new DataTransfer();
                data.setData('text/plain', arguments[1]);
                arguments[0].focus();
                const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
                if (arguments[0].dispatchEvent(event)) { arguments[0].value += arguments[1]; }""", field, text);
        actions++;
    }

    private String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    private String focused() {
        return (String) js().executeScript("return document.activeElement.textContent.trim() || document.activeElement.id;");
    }

    /** From the list of rounds to the empty form for several children of a new round. */
    private long createRoundAndOpenTheRowsForm(String title) {
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds");
        navigate(By.cssSelector("main a[href$='/rounds/new']"));
        checkAtEveryWidth();
        type(By.id("title"), title);
        navigate(By.cssSelector("main form button[type=submit]"));
        assertThat(path()).matches("/rounds/\\d+");
        var roundId = Long.parseLong(path().substring("/rounds/".length()));
        navigate(By.cssSelector("main a[href$='/participants/new']"));
        navigate(By.cssSelector("main a[href$='/participants/batch']"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Lägg till flera barn");
        return roundId;
    }

    private List<Participant> children(long roundId) {
        return TestFixtures.as(org.processLead(), () -> participants.of(roundId));
    }

    @Test
    void tenChildrenTypedIntoTheRowsOfOneForm() {
        var roundId = createRoundAndOpenTheRowsForm("Skrivna rader " + org.suffix());
        checkAtEveryWidth();
        assertThat(driver.findElements(By.cssSelector("fieldset[data-row]"))).hasSize(5);
        for (int i = 0; i < 5; i++) {
            click(By.cssSelector("[data-add-row]"));
        }
        assertThat(driver.findElements(By.cssSelector("fieldset[data-row]"))).hasSize(10);
        assertThat(focused()).isEqualTo("rows-9-firstName");
        // The live region is emptied and then filled a moment later, so that the same words are said again.
        waitUntil(d -> d.findElement(By.id("paste-status")).getText().equals("Rad 10 är tillagd."));
        var names = List.of("Alma", "Bror", "Cornelia", "Dante", "Elsa", "Frans", "Greta", "Hugo", "Iris", "Jon");
        for (int i = 0; i < 10; i++) {
            type(By.id("rows-" + i + "-firstName"), names.get(i));
            type(By.id("rows-" + i + "-age"), String.valueOf(6 + i));
            choose(By.id("rows-" + i + "-gender"), i % 2 == 0 ? "Flicka" : "Pojke");
            choose(By.id("rows-" + i + "-contactType"), i % 3 == 0 ? "Utredning" : "Insats");
            type(By.id("rows-" + i + "-currentCaseWorkers"), i % 2 == 0 ? "Ida Intervjuare" : "Ivar Intervjuare");
        }
        choose(By.id("rows-3-language"), "arabiska");
        checkAtEveryWidth();
        navigate(By.cssSelector("main form button.button--primary[type=submit]"));

        assertThat(path()).isEqualTo("/rounds/" + roundId + "/participants/added");
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getText()).isEqualTo("Barnen är tillagda som B01–B10 (10 barn).");
        assertThat(focused()).isEqualTo("Lägg till fler barn");
        var table = driver.findElement(By.cssSelector("main table")).getText();
        assertThat(table).contains("B01", "B10", "arabiska", "Ida Intervjuare", "Ivar Intervjuare").doesNotContain("Alma");
        checkAtEveryWidth();
        var added = children(roundId);
        assertThat(added).extracting(Participant::pseudonym)
                .containsExactly("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B09", "B10");
        assertThat(added.get(3).language()).isEqualTo("ar");
        assertThat(added.get(9).age()).isEqualTo(15);
        System.out.printf("MEASURE typed: a round and ten children typed cost %d actions across %d page loads%n", actions, loads);
        assertThat(loads).isEqualTo(5);
    }

    @Test
    void tenChildrenPastedFromASpreadsheet() {
        var roundId = createRoundAndOpenTheRowsForm("Inklistrade rader " + org.suffix());
        var sheet = new StringBuilder("Förnamn\tÅlder\tKön\tTyp av kontakt\tSpråk\tVårdnadshavare som ska svara\tNuvarande socialsekreterare\n");
        var names = List.of("Alma", "Bror", "Cornelia", "Dante", "Elsa", "Frans", "Greta", "Hugo", "Iris", "Jon");
        for (int i = 0; i < 10; i++) {
            sheet.append(names.get(i)).append('\t').append(6 + i).append('\t').append(i % 2 == 0 ? "flicka" : "Pojke")
                    .append('\t').append(i == 4 ? "Placering" : "utredning").append('\t').append(i == 7 ? "so" : "svenska")
                    .append('\t').append(i == 2 ? "1" : "2").append('\t').append(i < 5 ? "Ida Intervjuare" : "inez intervjuare, Ivar Intervjuare")
                    .append("\r\n");
        }
        paste(By.id("rows-0-firstName"), sheet.toString());
        waitUntil(d -> d.findElement(By.id("paste-status")).getText().equals("10 rader inklistrade."));
        assertThat(driver.findElements(By.cssSelector("fieldset[data-row]"))).hasSize(10);
        assertThat(value("rows-0-firstName")).isEqualTo("Alma");
        assertThat(value("rows-9-firstName")).isEqualTo("Jon");
        assertThat(value("rows-9-age")).isEqualTo("15");
        assertThat(value("rows-4-contactType")).isEqualTo("PLACEMENT");
        assertThat(value("rows-7-language")).isEqualTo("so");
        assertThat(value("rows-2-guardians")).isEqualTo("1");
        assertThat(value("rows-8-currentCaseWorkers")).isEqualTo("inez intervjuare, Ivar Intervjuare");
        assertThat(driver.findElement(By.cssSelector("fieldset[data-index='9'] legend")).getText()).isEqualTo("Rad 10");
        checkAtEveryWidth();
        navigate(By.cssSelector("main form button.button--primary[type=submit]"));

        assertThat(path()).isEqualTo("/rounds/" + roundId + "/participants/added");
        var added = children(roundId);
        assertThat(added).hasSize(10);
        assertThat(added.get(4).contactType()).isEqualTo(se.delaktig.round.ContactType.PLACEMENT);
        assertThat(added.get(2).guardians()).isEqualTo(1);
        assertThat(added.get(8).caseWorkers()).extracting(c -> c.displayName()).containsExactlyInAnyOrder("Inez Intervjuare", "Ivar Intervjuare");
        System.out.printf("MEASURE pasted: a round and ten children pasted cost %d actions across %d page loads%n", actions, loads);
        assertThat(actions).isEqualTo(7);
        assertThat(loads).isEqualTo(5);
    }

    @Test
    void aRejectedPasteKeepsEverythingNamesEachRowAndTheNextChildIsOneClickAway() {
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), fixtures.smallGuide(),
                new RoundService.Plan("Rättade rader " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 4, null)));
        login(org.processLead(), TestFixtures.PASSWORD);
        open("/rounds/" + round.id() + "/participants/batch");

        // Semicolons, as a Swedish spreadsheet saves CSV; a gender that fits no choice is reported at once.
        paste(By.id("rows-0-firstName"), "Ada;9;f;utredning;svenska;2;Ida Intervjuare\nBert;tolv;p;insats;arabiska;1;;Okänd Person\nCim;10;x\n");
        waitUntil(d -> d.findElement(By.id("paste-status")).getText().startsWith("3 rader inklistrade."));
        assertThat(driver.findElement(By.id("paste-status")).getText())
                .isEqualTo("3 rader inklistrade. Rad 3: \"x\" passar inte i Kön. Välj i listan.");
        assertThat(value("rows-0-gender")).isEqualTo("GIRL");
        assertThat(value("rows-1-gender")).isEqualTo("BOY");
        click(By.cssSelector("main form button.button--primary[type=submit]"));
        waitFor(By.cssSelector("main .notice--error"));

        var summary = driver.findElement(By.cssSelector("main .notice--error")).getText();
        assertThat(summary).contains("Inga barn lades till.",
                "Rad 2 – Ålder: Skriv åldern som en siffra i hela år, till exempel 12.",
                "Rad 2 – Tidigare socialsekreterare: Ingen i enheten heter \"Okänd Person\".");
        assertThat(value("rows-1-age")).isEqualTo("tolv");
        assertThat(value("rows-0-currentCaseWorkers")).isEqualTo("Ida Intervjuare");
        assertThat(value("rows-2-firstName")).isEqualTo("Cim");
        assertThat(focused()).isEqualTo("rows-1-age");
        assertThat(driver.findElement(By.id("rows-1-age")).getAttribute("aria-describedby")).isEqualTo("rows-1-age-error");
        assertThat(children(round.id())).isEmpty();
        checkAtEveryWidth();

        fill(By.id("rows-1-age"), "12");
        fill(By.id("rows-1-formerCaseWorkers"), "Inez Intervjuare");
        centred(By.cssSelector("main form button.button--primary[type=submit]")).click();
        waitUntil(d -> path().endsWith("/participants/added"));
        assertThat(children(round.id())).extracting(Participant::pseudonym).containsExactly("B01", "B02", "B03");

        // One more child, one at a time; then the next one is a click away on the child's page.
        centred(By.linkText("Lägg till ett barn till")).click();
        waitUntil(d -> path().endsWith("/participants/new"));
        checkAtEveryWidth();
        fill(By.id("age"), "11");
        fill(By.id("firstName"), "Doris");
        centred(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().matches("/participants/\\d+"));
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getText()).isEqualTo("Barnet är tillagt som B04.");
        assertThat(focused()).isEqualTo("Lägg till ett barn till");
        var next = driver.findElement(By.linkText("Lägg till ett barn till"));
        assertThat(driver.findElement(By.id(next.getAttribute("aria-describedby"))).getText()).isEqualTo("Barnet är tillagt som B04.");
        // The child's page belongs to recruitment; its consent history table is wider than a phone until
        // tables scroll in their own container. Here: axe at every width, and the way on fits the screen.
        try {
            for (var width : WIDTHS) {
                atWidth(width);
                assertNoAxeViolations();
                assertThat(((Number) js().executeScript("""
                        return document.querySelector('.child-next').getBoundingClientRect().right
                            - document.documentElement.clientWidth;""")).doubleValue()).as("at " + width).isLessThanOrEqualTo(0);
            }
        } finally {
            atWidth(1280);
        }
        next = driver.findElement(By.linkText("Lägg till ett barn till"));
        next.click();
        waitUntil(d -> path().equals("/rounds/" + round.id() + "/participants/new"));
        assertThat(driver.findElement(By.id("age")).getAttribute("value")).isEmpty();
    }

    @Test
    void thePlanIsChangedFromTheRoundPageAndATakenTitleIsRefused() {
        var guide = fixtures.smallGuide();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Barns röster 2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
        TestFixtures.run(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Barns röster 2027", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31), 8, null)));
        login(org.processLead(), TestFixtures.PASSWORD);

        // The same title once more on the create page.
        open("/rounds/new");
        fill(By.id("title"), "barns röster 2026 ");
        centred(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.id("title-error"));
        assertThat(driver.findElement(By.id("title-error")).getText())
                .isEqualTo("En annan omgång i enheten heter redan så. Välj en annan titel, till exempel med termin eller årtal.");
        assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("barns röster 2026 ");
        checkAtEveryWidth();

        open("/rounds/" + round.id());
        centred(By.id("edit-plan")).click();
        waitUntil(d -> path().equals("/rounds/" + round.id() + "/edit"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Ändra planeringen");
        checkAtEveryWidth();

        fill(By.id("title"), "Barns Röster 2027");
        centred(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.id("title-error"));
        assertThat(driver.findElement(By.id("title")).getAttribute("aria-describedby")).isEqualTo("title-hint title-error");
        checkAtEveryWidth();

        var newerGuide = fixtures.smallGuide();
        open(path());
        fill(By.id("title"), "Barns röster 2026, våren");
        js().executeScript("document.getElementById('seminarDate').value = '2026-05-20';");
        new Select(driver.findElement(By.id("guideId"))).selectByValue(String.valueOf(newerGuide));
        centred(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/rounds/" + round.id()));
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getText()).isEqualTo("Planeringen är sparad.");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Barns röster 2026, våren", "2026-05-20");
        assertThat(TestFixtures.as(org.processLead(), () -> rounds.get(round.id())).guideId()).isEqualTo(newerGuide);
    }
}
