package se.delaktig.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;
import se.delaktig.audit.AuditLog;

/**
 * What an administrator changes about people and units is in the audit log, and the changes that would
 * lock everyone out are refused, with the refusal audited too.
 */
@IntegrationTest
class AdminAuditIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    Organization organization;

    @Autowired
    AuditLog audit;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private String adminName;
    private long adminId;
    private RequestPostProcessor admin;

    @BeforeEach
    void createAdministrator() {
        adminName = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        adminId = organization.createStaff(adminName, "Alma Admin", null, null, TestFixtures.PASSWORD, true);
        admin = user(adminName).roles("STAFF", "ADMIN");
    }

    private List<AuditLog.Entry> entriesAbout(String recordType, String recordId) {
        return audit.find(new AuditLog.Filter(null, recordType, recordId, null, null), 50);
    }

    @Test
    void editingAPersonIsAuditedWithTheFieldsThatChanged() throws Exception {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();

        mvc.perform(post("/admin/staff/{id}/edit", lead.id()).with(admin).with(csrf())
                        .param("displayName", "Petra Processledare-Ek").param("title", "Kvalitetsutvecklare")
                        .param("email", "petra@kommun.example"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "Uppgifterna för Petra Processledare-Ek är sparade."));

        var after = organization.staffMember(lead.id()).orElseThrow();
        assertThat(after.displayName()).isEqualTo("Petra Processledare-Ek");
        assertThat(after.title()).isEqualTo("Kvalitetsutvecklare");
        assertThat(after.email()).isEqualTo("petra@kommun.example");
        assertThat(after.username()).as("the username never changes").isEqualTo(lead.username());
        assertThat(entriesAbout("staff", lead.username()))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("UPDATE_STAFF");
                    assertThat(e.actor()).isEqualTo(adminName);
                    assertThat(e.outcome()).isEqualTo("SUCCESS");
                    assertThat(e.detail()).isEqualTo("changed: displayName, title, email");
                });
    }

    @Test
    void everyErrorOfTheEditFormComesBackAtOnceWithWhatWasTyped() throws Exception {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();

        mvc.perform(post("/admin/staff/{id}/edit", lead.id()).with(admin).with(csrf())
                        .param("displayName", " ").param("title", "t".repeat(201)).param("email", "petra-at-kommun"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"#displayName\">Namn: Fyll i fältet.</a>")))
                .andExpect(content().string(containsString("href=\"#title\">Titel: Texten är för lång (högst 200 tecken). Korta den.</a>")))
                .andExpect(content().string(containsString("href=\"#email\">E-post: Skriv en giltig e-postadress")))
                .andExpect(content().string(containsString("value=\"petra-at-kommun\"")))
                .andExpect(content().string(containsString("id=\"email-error\"")));
        assertThat(organization.staffMember(lead.id()).orElseThrow().displayName()).isEqualTo(lead.displayName());
    }

    @Test
    void anAdministratorCannotDisableThemselvesAndTheRefusalIsAudited() throws Exception {
        mvc.perform(post("/admin/staff/{id}/enabled", adminId).with(admin).with(csrf()).param("enabled", "false"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "Du kan inte stänga av ditt eget konto."));

        assertThat(organization.staffMember(adminId).orElseThrow().enabled()).isTrue();
        assertThat(entriesAbout("staff", adminName))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("DISABLE_STAFF");
                    assertThat(e.outcome()).isEqualTo("DENIED");
                    assertThat(e.detail()).isEqualTo("own account");
                });
    }

    @Test
    void anAdministratorCannotTakeTheirOwnAdministratorRight() throws Exception {
        mvc.perform(post("/admin/staff/{id}/edit", adminId).with(admin).with(csrf())
                        .param("displayName", "Alma Admin"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Du kan inte ta bort din egen administratörsroll.")));

        assertThat(organization.staffMember(adminId).orElseThrow().administrator()).isTrue();
    }

    /**
     * The database is shared by every test, so the other administrators are set aside for this test
     * only (without the events that would end their sessions) and put back afterwards.
     */
    @Test
    void theLastEnabledAdministratorIsNeitherDisabledNorDemoted() throws Exception {
        var other = organization.createStaff("adm2-" + adminName.substring(4), "Ola Admin", null, null,
                TestFixtures.PASSWORD, true);
        var otherName = organization.staffMember(other).orElseThrow().username();
        var setAside = jdbc.sql("select id from staff where administrator and enabled and id <> ?")
                .param(other).query(Long.class).list();
        jdbc.sql("update staff set enabled = false where id in (:ids)").param("ids", setAside).update();
        try {
            // Alma is set aside too, but her session (as the test sends it) still asks: Ola is now the only one.
            mvc.perform(post("/admin/staff/{id}/enabled", other).with(admin).with(csrf()).param("enabled", "false"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("flashError", org.hamcrest.Matchers.startsWith(
                            "Ola Admin är den enda aktiva administratören.")));
            mvc.perform(post("/admin/staff/{id}/edit", other).with(admin).with(csrf()).param("displayName", "Ola Admin"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("Ola Admin är den enda aktiva administratören.")));

            var ola = organization.staffMember(other).orElseThrow();
            assertThat(ola.enabled()).isTrue();
            assertThat(ola.administrator()).isTrue();
            assertThat(entriesAbout("staff", otherName))
                    .extracting(AuditLog.Entry::action, AuditLog.Entry::outcome, AuditLog.Entry::detail)
                    .contains(org.assertj.core.groups.Tuple.tuple("DISABLE_STAFF", "DENIED", "last administrator"),
                            org.assertj.core.groups.Tuple.tuple("UPDATE_STAFF", "DENIED", "last administrator"));
        } finally {
            jdbc.sql("update staff set enabled = true where id in (:ids)").param("ids", setAside).update();
        }
    }

    @Test
    void disablingEndsTheSessionAndIsAudited() throws Exception {
        var org = fixtures.organisation();
        var manager = organization.staffByUsername(org.manager()).orElseThrow();
        var browser = new Browser(port);
        browser.login(org.manager(), TestFixtures.PASSWORD);
        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);

        mvc.perform(post("/admin/staff/{id}/enabled", manager.id()).with(admin).with(csrf()).param("enabled", "false"))
                .andExpect(status().is3xxRedirection());

        assertThat(browser.get("/profile").headers().firstValue("Location").orElse(""))
                .as("the open session has ended").contains("/login");
        assertThat(entriesAbout("staff", manager.username()))
                .extracting(AuditLog.Entry::action)
                .contains("DISABLE_STAFF", "REVOKE_CREDENTIALS");

        mvc.perform(post("/admin/staff/{id}/enabled", manager.id()).with(admin).with(csrf()).param("enabled", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(organization.staffMember(manager.id()).orElseThrow().enabled()).isTrue();
        assertThat(entriesAbout("staff", manager.username())).extracting(AuditLog.Entry::action).contains("ENABLE_STAFF");
    }

    @Test
    void aResetPasswordIsShownOnceAuditedAndMustBeChanged() throws Exception {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();

        var page = mvc.perform(post("/admin/staff/{id}/password", lead.id()).with(admin).with(csrf())
                        .param("temporaryPassword", ""))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn().getResponse().getContentAsString();
        var temporary = page.replaceAll("(?s).*id=\"temporary-password\"[^>]*>([^<]+)<.*", "$1");
        assertThat(temporary).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
        assertThat(organization.mustChangePassword(lead.username())).isTrue();
        assertThat(entriesAbout("staff", lead.username()))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("RESET_PASSWORD");
                    assertThat(e.detail()).doesNotContain(temporary);
                });

        // Signed in with the temporary password, every page leads to the change-password page.
        var browser = new Browser(port);
        browser.login(lead.username(), temporary);
        assertThat(browser.get("/").headers().firstValue("Location").orElse("")).endsWith("/password/change");
        assertThat(browser.get("/profile").headers().firstValue("Location").orElse("")).endsWith("/password/change");

        // Both errors at once: too short, and the repeat does not match (left empty).
        var rejected = browser.postForm("/password/change", "/password/change",
                Map.of("newPassword", "kort", "repeatPassword", ""));
        assertThat(rejected.body()).contains("Nytt lösenord: Det nya lösenordet måste vara minst 12 tecken långt.")
                .contains("Upprepa det nya lösenordet: Skriv det nya lösenordet en gång till.");

        var changed = browser.postForm("/password/change", "/password/change",
                Map.of("newPassword", "mitt-eget-nya-losenord", "repeatPassword", "mitt-eget-nya-losenord"));
        assertThat(changed.headers().firstValue("Location").orElse("")).doesNotContain("/password/change");
        assertThat(organization.mustChangePassword(lead.username())).isFalse();
        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
        assertThat(organization.passwordMatches(lead.id(), "mitt-eget-nya-losenord")).isTrue();
    }

    @Test
    void anAdministratorResetsOnlyOthersPasswordsAndATooShortOneIsExplained() throws Exception {
        var org = fixtures.organisation();
        var lead = organization.staffByUsername(org.processLead()).orElseThrow();

        mvc.perform(post("/admin/staff/{id}/password", lead.id()).with(admin).with(csrf()).param("temporaryPassword", "kort"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Tillfälligt lösenord (frivilligt): Lösenordet måste vara minst 12 tecken långt.")))
                .andExpect(content().string(not(containsString("value=\"kort\""))));
        assertThat(organization.mustChangePassword(lead.username())).isFalse();

        mvc.perform(post("/admin/staff/{id}/password", adminId).with(admin).with(csrf()).param("temporaryPassword", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ditt eget lösenord byter du under Min profil.")));
        assertThat(organization.mustChangePassword(adminName)).isFalse();
    }

    @Test
    void renamingAUnitIsAuditedAndADuplicateNameIsExplained() throws Exception {
        var org = fixtures.organisation();
        var unit = organization.unit(org.unitId()).orElseThrow();
        var neighbour = organization.createUnit(org.municipalityId(), "Grannenheten");

        mvc.perform(post("/admin/units/{id}", unit.id()).with(admin).with(csrf()).param("name", "Grannenheten"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Det finns redan en enhet med det namnet i " + unit.municipalityName())))
                .andExpect(content().string(containsString("value=\"Grannenheten\"")));

        mvc.perform(post("/admin/units/{id}", unit.id()).with(admin).with(csrf()).param("name", "Barn och unga, nordväst"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "Enheten " + unit.name() + " heter nu Barn och unga, nordväst."));
        assertThat(organization.unit(unit.id()).orElseThrow().name()).isEqualTo("Barn och unga, nordväst");
        assertThat(organization.unit(neighbour).orElseThrow().name()).isEqualTo("Grannenheten");
        assertThat(entriesAbout("unit", String.valueOf(unit.id())))
                .anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo("RENAME_UNIT");
                    assertThat(e.detail()).isEqualTo(unit.name() + " -> Barn och unga, nordväst");
                });
    }
}
