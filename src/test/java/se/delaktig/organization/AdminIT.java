package se.delaktig.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;

@IntegrationTest
class AdminIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    Organization organization;

    @Autowired
    TestFixtures fixtures;

    @LocalServerPort
    int port;

    private String suffix;
    private RequestPostProcessor admin;

    @BeforeEach
    void createAdministrator() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        var username = "adm-" + suffix;
        organization.createStaff(username, "Alma Admin", null, null, TestFixtures.PASSWORD, true);
        admin = user(username).roles("STAFF", "ADMIN");
    }

    @Test
    void anAdministratorBuildsAnOrganisationAndTheNewPersonCanWorkInIt() throws Exception {
        var municipalityName = "Nyköping " + suffix;
        var created = mvc.perform(post("/admin/municipalities").with(admin).with(csrf())
                        .param("name", municipalityName).param("threshold", "7"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "Kommunen " + municipalityName + " är skapad."))
                .andReturn();
        var municipality = organization.municipalities().stream().filter(m -> m.name().equals(municipalityName))
                .findFirst().orElseThrow();
        assertThat(municipality.suppressionThreshold()).isEqualTo(7);
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/admin/municipalities/" + municipality.id());

        mvc.perform(post("/admin/municipalities/{id}/units", municipality.id()).with(admin).with(csrf())
                        .param("name", "Barn och unga"))
                .andExpect(status().is3xxRedirection());
        var unit = organization.unitsOf(municipality.id()).get(0);
        assertThat(unit.name()).isEqualTo("Barn och unga");
        mvc.perform(get("/admin/municipalities/{id}", municipality.id()).with(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Barn och unga")));

        var username = "nina-" + suffix;
        mvc.perform(post("/admin/staff").with(admin).with(csrf())
                        .param("username", username).param("displayName", "Nina Nilsson").param("title", "Socialsekreterare")
                        .param("email", "nina@example.se").param("password", "ett-langt-losenord"))
                .andExpect(status().is3xxRedirection());
        var nina = organization.staffByUsername(username).orElseThrow();
        assertThat(nina.administrator()).isFalse();

        mvc.perform(post("/admin/staff/{id}/roles", nina.id()).with(admin).with(csrf())
                        .param("unitId", String.valueOf(unit.id())).param("role", "INTERVIEWER"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "Nina Nilsson har nu rollen Intervjuare i " + unit.fullName() + "."));
        mvc.perform(get("/admin/staff/{id}", nina.id()).with(admin))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(unit.fullName())))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-confirm=\"Ta bort rollen Intervjuare i ")));

        var browser = new Browser(port);
        var login = browser.login(username, "ett-langt-losenord");
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/login");
        var me = browser.get("/api/v1/me").body();
        assertThat(JsonPath.<String>read(me, "$.displayName")).isEqualTo("Nina Nilsson");
        assertThat(JsonPath.<Number>read(me, "$.roles[0].unitId").longValue()).isEqualTo(unit.id());
        assertThat(JsonPath.<String>read(me, "$.roles[0].role")).isEqualTo("INTERVIEWER");

        // Revoking takes effect at once, even in the session that is already open.
        mvc.perform(post("/admin/staff/{id}/roles/revoke", nina.id()).with(admin).with(csrf())
                        .param("unitId", String.valueOf(unit.id())).param("role", "INTERVIEWER"))
                .andExpect(status().is3xxRedirection());
        assertThat(JsonPath.<java.util.List<?>>read(browser.get("/api/v1/me").body(), "$.roles")).isEmpty();
    }

    @Test
    void aDisabledPersonCannotSignIn() throws Exception {
        var org = fixtures.organisation();
        var id = organization.staffByUsername(org.manager()).orElseThrow().id();

        mvc.perform(post("/admin/staff/{id}/enabled", id).with(admin).with(csrf()).param("enabled", "false"))
                .andExpect(status().is3xxRedirection());

        assertThat(organization.staffMember(id).orElseThrow().enabled()).isFalse();
        var login = new Browser(port).login(org.manager(), TestFixtures.PASSWORD);
        assertThat(login.headers().firstValue("Location").orElse("")).contains("/login?");
    }

    @Test
    void staffWithoutAdministratorRightsAreKeptOut() throws Exception {
        var org = fixtures.organisation();
        var lead = user(org.processLead()).roles("STAFF", "PROCESS_LEAD");

        mvc.perform(get("/admin").with(lead)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/staff").with(lead)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/municipalities").with(lead).with(csrf()).param("name", "Smygkommun " + suffix)
                .param("threshold", "5")).andExpect(status().isForbidden());
        assertThat(organization.municipalities()).noneMatch(m -> m.name().equals("Smygkommun " + suffix));
    }

    @Test
    void aDuplicateMunicipalityNameIsExplainedAndNothingTypedIsLost() throws Exception {
        var name = "Dubbelby " + suffix;
        organization.createMunicipality(name, null);

        mvc.perform(post("/admin/municipalities").with(admin).with(csrf()).param("name", name).param("threshold", "9"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "Det finns redan en kommun med det namnet.")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "id=\"name\" name=\"name\" type=\"text\" value=\"" + name + "\" aria-invalid=\"true\" aria-describedby=\"name-error\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"name-error\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"9\"")));
    }

    @Test
    void aRejectedStaffFormKeepsEverythingButThePassword() throws Exception {
        mvc.perform(post("/admin/staff").with(admin).with(csrf())
                        .param("username", "Ove Olsson").param("displayName", "Ove Olsson")
                        .param("email", "ove-at-example").param("password", "kort").param("administrator", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Användarnamnet får bara innehålla")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Skriv en giltig e-postadress")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("minst 12 tecken")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"ove-at-example\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("checked")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("value=\"kort\""))));
    }

    @Test
    void everyAdministrationPageOpens() throws Exception {
        var org = fixtures.organisation();
        var staffId = organization.staffByUsername(org.processLead()).orElseThrow().id();
        for (var path : new String[] {"/admin", "/admin/municipalities", "/admin/municipalities/" + org.municipalityId(),
                "/admin/staff", "/admin/staff/new", "/admin/staff/" + staffId}) {
            mvc.perform(get(path).with(admin)).andExpect(status().isOk());
        }
        mvc.perform(get("/admin/staff/{id}", Long.MAX_VALUE).with(admin)).andExpect(status().isNotFound());
    }

    @Test
    void aThresholdOutsideTheRangeIsRejected() throws Exception {
        mvc.perform(post("/admin/municipalities").with(admin).with(csrf()).param("name", "Gränsby " + suffix)
                        .param("threshold", "1"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Skriv ett heltal från 2 till 50.")));
        assertThat(organization.municipalities()).noneMatch(m -> m.name().equals("Gränsby " + suffix));
    }

    @Test
    void anOverlongNameIsExplainedNotAnError() throws Exception {
        mvc.perform(post("/admin/municipalities").with(admin).with(csrf()).param("name", "x".repeat(201))
                        .param("threshold", "5"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Texten är för lång (högst 200 tecken)")));
    }
}
