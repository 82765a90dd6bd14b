package se.delaktig.browser;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guards the helpers every browser test relies on: an axe check that silently found nothing, or a
 * download that quietly landed on the login page, would make all other browser tests worthless.
 */
@IntegrationTest
class BrowserHelpersIT extends BrowserTest {

    @Autowired
    TestFixtures fixtures;

    @Test
    void axeReportsViolationsWithRuleImpactAndElement() {
        driver.get("data:text/html,<!DOCTYPE html><html lang=sv><head><title>Prov</title></head>"
                + "<body><main><h1>Prov</h1><img src=bild.png></main></body></html>");

        assertThatThrownBy(this::assertNoAxeViolations)
                .hasMessageContaining("image-alt (critical)")
                .hasMessageContaining("at [img]");
    }

    @Test
    void downloadCarriesTheBrowserSessionAndNothingElse() {
        var org = fixtures.organisation();
        login(org.processLead(), TestFixtures.PASSWORD);

        var signedIn = download(URI.create(url("/")));
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.contentType()).startsWith("text/html");
        assertThat(signedIn.text()).contains("/logout");

        var stylesheet = download(By.cssSelector("link[rel=stylesheet]"));
        assertThat(stylesheet.contentType()).startsWith("text/css");

        driver.manage().deleteAllCookies();
        assertThat(download(URI.create(url("/"))).status()).as("without the session the page redirects to login").isEqualTo(302);
    }
}
