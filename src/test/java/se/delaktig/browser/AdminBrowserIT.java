package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;

/**
 * The administrator's everyday work, done in the browser at desktop, tablet and phone width: correct a
 * person's details, reset a password (and the person then has to choose their own), disable an
 * account, rename a unit.
 */
@IntegrationTest
class AdminBrowserIT extends BrowserTest {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Organization organization;

    TestFixtures.Org org;
    String admin;

    @BeforeEach
    void anAdministratorAndAUnitAndNoSession() {
        org = fixtures.organisation();
        admin = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        organization.createStaff(admin, "Alma Admin", "Systemförvaltare", null, TestFixtures.PASSWORD, true);
        open("/login");
        driver.manage().deleteAllCookies();
    }

    private void openStaffMember(long id) {
        open("/admin/staff/" + id);
        waitFor(By.tagName("h1"));
    }

    private String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    /** Submits the login form and waits for whatever page it leads to. */
    private void tryLogin(String username, String password) {
        open("/login");
        fill(By.id("username"), username);
        fill(By.id("password"), password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> !path().equals("/login") || query().contains("error"));
    }

    @Test
    void theAdministratorCorrectsAPersonAndSeesEveryMistakeAtOnce() {
        login(admin, TestFixtures.PASSWORD);
        open("/admin/staff");
        assertThat(main()).contains("Petra Processledare");
        checkAtEveryWidth();

        openStaffMember(org.processLeadId());
        checkAtEveryWidth();
        driver.findElement(By.linkText("Ändra uppgifter")).click();
        waitUntil(d -> path().endsWith("/edit"));
        checkAtEveryWidth();

        fill(By.id("displayName"), " ");
        fill(By.id("title"), "Kvalitetsutvecklare");
        fill(By.id("email"), "petra-at-kommun");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        var summary = waitFor(By.id("error-summary"));
        assertThat(summary.getText()).contains("Namn: Fyll i fältet.").contains("E-post: Skriv en giltig e-postadress");
        assertThat(driver.findElement(By.id("title")).getAttribute("value")).as("nothing typed is lost")
                .isEqualTo("Kvalitetsutvecklare");
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo("petra-at-kommun");
        assertThat(driver.findElement(By.id("email")).getAttribute("aria-describedby")).isEqualTo("email-error");
        checkAtEveryWidth();

        fill(By.id("displayName"), "Petra Ek");
        fill(By.id("email"), "petra.ek@kommun.example");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/admin/staff/" + org.processLeadId()));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Uppgifterna för Petra Ek är sparade.");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Petra Ek");
        assertThat(main()).contains("Kvalitetsutvecklare").contains("petra.ek@kommun.example");
    }

    @Test
    void aResetPasswordMustBeReplacedAtTheNextLogin() {
        login(admin, TestFixtures.PASSWORD);
        openStaffMember(org.managerId());
        driver.findElement(By.linkText("Återställ lösenordet")).click();
        waitUntil(d -> path().endsWith("/password"));
        checkAtEveryWidth();
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        var temporary = waitFor(By.id("temporary-password")).getText();
        assertThat(main()).contains("Erik Enhetschef måste välja ett eget lösenord vid nästa inloggning.");
        checkAtEveryWidth();
        logout();

        login(org.manager(), temporary);
        assertThat(path()).isEqualTo("/password/change");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Välj ett eget lösenord");
        checkAtEveryWidth();

        // Nothing else opens before the new password is chosen.
        open("/profile");
        assertThat(path()).isEqualTo("/password/change");

        fill(By.id("newPassword"), "kort");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        var summary = waitFor(By.id("error-summary"));
        assertThat(summary.getText()).contains("Nytt lösenord: Det nya lösenordet måste vara minst 12 tecken långt.")
                .contains("Upprepa det nya lösenordet: Skriv det nya lösenordet en gång till.");
        checkAtEveryWidth();

        fill(By.id("newPassword"), "en egen mening som lösenord");
        fill(By.id("repeatPassword"), "en egen mening som lösenord");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/"));
        assertThat(driver.findElements(By.cssSelector("[role=status]"))).extracting(e -> e.getText())
                .contains("Ditt lösenord är bytt. Välkommen!");
        open("/profile");
        assertThat(path()).isEqualTo("/profile");
        logout();

        // The temporary password is gone; the new one works.
        tryLogin(org.manager(), temporary);
        assertThat(query()).contains("error");
        login(org.manager(), "en egen mening som lösenord");
        assertThat(path()).isEqualTo("/");
    }

    @Test
    void aDisabledAccountIsAnsweredLikeAWrongPassword() {
        tryLogin(org.manager(), "inte-det-har-losenordet");
        var wrongPassword = driver.findElement(By.cssSelector("[role=alert]")).getText();

        login(admin, TestFixtures.PASSWORD);
        openStaffMember(org.managerId());
        driver.findElement(By.xpath("//button[normalize-space()='Stäng av kontot']")).click();
        var confirm = driver.switchTo().alert();
        assertThat(confirm.getText()).startsWith("Stänga av kontot för Erik Enhetschef?");
        confirm.accept();
        waitUntil(d -> d.findElements(By.cssSelector("[role=status]")).stream()
                .anyMatch(e -> e.getText().equals("Kontot för Erik Enhetschef är avstängt.")));
        assertThat(main()).contains("Avstängd");
        checkAtEveryWidth();

        // Disabling oneself is refused, with the reason in the page.
        open("/admin/staff/" + organization.staffByUsername(admin).orElseThrow().id());
        driver.findElement(By.xpath("//button[normalize-space()='Stäng av kontot']")).click();
        driver.switchTo().alert().accept();
        assertThat(waitFor(By.cssSelector("[role=alert]")).getText()).isEqualTo("Du kan inte stänga av ditt eget konto.");
        logout();

        tryLogin(org.manager(), TestFixtures.PASSWORD);
        assertThat(path()).isEqualTo("/login");
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .as("the same answer as a wrong password: nothing tells that the account exists")
                .isEqualTo(wrongPassword);
    }

    @Test
    void theAdministratorListsAndRenamesTheUnitsOfAMunicipality() {
        var unit = organization.unit(org.unitId()).orElseThrow();
        login(admin, TestFixtures.PASSWORD);
        open("/admin/municipalities/" + org.municipalityId());
        assertThat(main()).contains(unit.name());
        checkAtEveryWidth();

        driver.findElement(By.cssSelector("a[href$='/admin/units/" + unit.id() + "']")).click();
        waitUntil(d -> path().equals("/admin/units/" + unit.id()));
        assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo(unit.name());
        checkAtEveryWidth();

        fill(By.id("name"), "");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        assertThat(waitFor(By.id("error-summary")).getText()).contains("Enhetens namn: Fyll i fältet.");

        fill(By.id("name"), "Barn och unga " + org.suffix());
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(d -> path().equals("/admin/municipalities/" + org.municipalityId()));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Enheten " + unit.name() + " heter nu Barn och unga " + org.suffix() + ".");
        assertThat(driver.findElement(By.cssSelector(".table-scroll table")).getText()).contains("Barn och unga " + org.suffix());
    }
}
