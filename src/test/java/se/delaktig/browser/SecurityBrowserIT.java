package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.SecondFactorPolicy;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.RoleGrants;

/** The second-factor pages, the token list and the role approvals, at three widths, with axe and the keyboard. */
@IntegrationTest
class SecurityBrowserIT extends BrowserTest {

    @Autowired
    TestFixtures fixtures;

    @Autowired
    SecondFactorPolicy policy;

    @Autowired
    Organization organization;

    @Autowired
    RoleGrants roleGrants;

    TestFixtures.Org org;

    @BeforeEach
    void signedOut() {
        org = fixtures.organisation();
        open("/login");
        driver.manage().deleteAllCookies();
    }

    @AfterEach
    void backToTheDemo() {
        policy.reset();
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    private static String code(String secret, Instant at) throws Exception {
        var totp = new TimeBasedOneTimePasswordGenerator();
        return totp.generateOneTimePasswordString(
                new SecretKeySpec(new Base32().decode(secret.replace(" ", "")), totp.getAlgorithm()), at);
    }

    @Test
    void aProcessLeadSetsUpTheSecondFactorAtLoginAndThenSignsInWithACode() throws Exception {
        policy.use(SecondFactorPolicy.Mode.REQUIRED);
        login(org.processLead(), TestFixtures.PASSWORD);
        assertThat(path()).isEqualTo("/login/second-factor/setup");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Slå på tvåstegsverifiering");
        assertThat(driver.findElement(By.cssSelector(".qr svg")).isDisplayed()).isTrue();
        checkAtEveryWidth();

        var secret = driver.findElement(By.id("secret")).getText();
        // With the keyboard alone: type the code and press Enter.
        driver.findElement(By.id("code")).sendKeys(code(secret, Instant.now()), Keys.ENTER);
        waitFor(By.id("recovery-codes"));
        assertThat(driver.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        checkAtEveryWidth();

        driver.findElement(By.linkText("Jag har sparat koderna – fortsätt")).click();
        waitUntil(d -> path().equals("/"));
        logout();

        login(org.processLead(), TestFixtures.PASSWORD);
        assertThat(path()).isEqualTo("/login/second-factor");
        checkAtEveryWidth();
        fill(By.id("code"), "000000");
        driver.findElement(By.id("code")).sendKeys(Keys.ENTER);
        var error = waitFor(By.id("code-error"));
        assertThat(error.getText()).startsWith("Koden stämmer inte");
        assertThat(driver.findElement(By.id("code")).getAttribute("aria-describedby")).contains("code-error");
        assertNoAxeViolations();
        fill(By.id("code"), code(secret, Instant.now().plus(Duration.ofSeconds(30))));
        driver.findElement(By.id("code")).sendKeys(Keys.ENTER);
        waitUntil(d -> path().equals("/"));

        open("/profile/second-factor");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Du har 10 oanvända reservkoder.");
        checkAtEveryWidth();
    }

    @Test
    void theProfileListsTokensWithExpiryAndScope() {
        login(org.manager(), TestFixtures.PASSWORD);
        open("/profile");
        fill(By.id("name"), "Kvartalsrapport");
        driver.findElement(By.id("scope-write")).click();
        fill(By.id("days"), "30");
        driver.findElement(By.cssSelector("form[action$='/profile/tokens'] button[type=submit]")).click();
        waitFor(By.id("plain-token"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Läsa och ändra");
        open("/profile");
        assertThat(driver.findElement(By.cssSelector(".table-scroll table")).getText()).contains("Kvartalsrapport", "Läsa och ändra", "Giltig");
        checkAtEveryWidth();

        open("/profile/second-factor");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Slå på tvåstegsverifiering");
        checkAtEveryWidth();
    }

    @Test
    void aSecondAdministratorApprovesAnAdministratorsOwnRoleFromTheList() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var asker = "ask-" + suffix;
        var alma = organization.createStaff(asker, "Alma Admin", null, null, TestFixtures.PASSWORD, true);
        var approver = "app-" + suffix;
        organization.createStaff(approver, "Bo Bådaadmin", null, null, TestFixtures.PASSWORD, true);
        roleGrants.request(alma, org.unitId(), Role.PROCESS_LEAD, asker);

        login(asker, TestFixtures.PASSWORD);
        open("/admin/staff/" + alma);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Väntar på godkännande");
        assertNoAxeViolations();
        open("/role-grants");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Du bad om den här rollen");
        checkAtEveryWidth();
        logout();

        login(approver, TestFixtures.PASSWORD);
        open("/notices");
        assertThat(driver.findElement(By.id("role-grants-waiting")).isDisplayed()).isTrue();
        assertNoAxeViolations();
        driver.findElement(By.linkText("Visa och godkänn roller")).click();
        waitUntil(d -> path().equals("/role-grants"));
        checkAtEveryWidth();
        driver.findElement(By.cssSelector("form[action$='/approve'] button")).click();
        waitFor(By.cssSelector("[role=status]"));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("Alma Admin har nu rollen Processledare");
        assertThat(organization.rolesByUnit(alma).get(org.unitId())).containsExactly(Role.PROCESS_LEAD);
        assertNoAxeViolations();
    }
}
