package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Organization;
import se.delaktig.round.Gender;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/** axe on the pages the cycle test does not pass through, for each kind of user, in Swedish and English. */
@IntegrationTest
class AccessibilityBrowserIT extends BrowserTest {

    @Autowired TestFixtures fixtures;
    @Autowired Organization organization;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Guides guides;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void visitAll(List<String> paths) {
        for (var path : paths) {
            open(path);
            assertThat(driver.findElements(By.tagName("h1"))).as(path).hasSize(1);
            assertNoAxeViolations();
        }
    }

    @Test
    void processLeadPagesInSwedishAndEnglish() {
        var guide = guides.latest().orElseThrow().id();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Tillgänglighet", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 4, null)));
        var child = TestFixtures.as(org.processLead(), () -> participants.add(round.id(), new ParticipantService.NewParticipant(
                13, Gender.OTHER, "Robin", null, List.of(org.interviewerIds().get(0)), List.of())));
        login(org.processLead(), TestFixtures.PASSWORD);
        var pages = List.of("/", "/rounds", "/rounds/" + round.id(), "/participants/" + child.id(),
                "/participants/" + child.id() + "/key", "/rounds/" + round.id() + "/counts", "/guides", "/guides/" + guide,
                "/audit", "/profile", "/interviews", "/rounds/999999999");
        visitAll(pages);
        open("/?lang=en");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        visitAll(pages);
        open("/?lang=sv");
    }

    @Test
    void administratorPages() {
        var suffix = org.suffix();
        organization.createStaff("adm-" + suffix, "Ada Admin", null, null, TestFixtures.PASSWORD, true);
        login("adm-" + suffix, TestFixtures.PASSWORD);
        visitAll(List.of("/admin", "/admin/municipalities", "/admin/municipalities/" + org.municipalityId(),
                "/admin/staff", "/admin/staff/new", "/admin/staff/" + org.processLeadId(), "/audit/chain",
                "/audit/chain?check=1", "/audit"));
        // A rejected form keeps its errors accessible too.
        open("/admin/staff/new");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector("[aria-invalid=true]"));
        assertNoAxeViolations();
    }
}
