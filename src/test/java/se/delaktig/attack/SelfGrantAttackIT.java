package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.RoleGrants;
import se.delaktig.round.Gender;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;

/**
 * An administrator gives themselves the process-lead role to read the key list. It must take a second
 * person: another administrator or the unit's manager. A role given to an account the administrator
 * controls takes effect, but the unit's manager is told.
 */
@IntegrationTest
class SelfGrantAttackIT {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Organization organization;

    @Autowired
    RoleGrants roleGrants;

    @Autowired
    RoundService rounds;

    @Autowired
    ParticipantService participants;

    @Autowired
    JdbcClient jdbc;

    TestFixtures.Org org;
    long childId;
    String admin;
    long adminId;

    @BeforeEach
    void aRoundWithAChildOnTheKeyList() {
        org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        var round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide,
                new RoundService.Plan("Barns röster", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
        childId = TestFixtures.as(org.processLead(), () -> participants.add(round.id(), new ParticipantService.NewParticipant(
                11, Gender.GIRL, "Signhild", "Mamma 070-111 22 33", List.of(org.interviewerIds().get(0)), List.of()))).id();
        admin = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        adminId = organization.createStaff(admin, "Ada Admin", null, null, TestFixtures.PASSWORD, true);
    }

    private Browser signedIn(String username) {
        var browser = new Browser(port);
        assertThat(browser.login(username, TestFixtures.PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("/login");
        return browser;
    }

    private static Map<String, String> processLeadIn(long unitId) {
        return Map.of("unitId", String.valueOf(unitId), "role", Role.PROCESS_LEAD.name());
    }

    private long openRequestFor(long staffId) {
        return jdbc.sql("select id from role_grant_request where staff_id = ? and decided_at is null")
                .param(staffId).query(Long.class).single();
    }

    @Test
    void anAdministratorWhoGivesThemselvesProcessLeadCannotReadTheKeyListUntilASecondAdministratorApproves() {
        var self = signedIn(admin);
        var asked = self.postForm("/admin/staff/" + adminId, "/admin/staff/" + adminId + "/roles", processLeadIn(org.unitId()));
        assertThat(asked.statusCode()).isEqualTo(302);

        assertThat(organization.rolesByUnit(adminId)).isEmpty();
        assertThat(self.get("/participants/" + childId + "/key").statusCode()).isEqualTo(404);

        // Approving one's own request is refused and changes nothing.
        var request = openRequestFor(adminId);
        self.postForm("/role-grants", "/role-grants/" + request + "/approve", Map.of());
        assertThat(organization.rolesByUnit(adminId)).isEmpty();
        assertThat(self.get("/participants/" + childId + "/key").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'APPROVE_ROLE' and outcome = 'DENIED'")
                .param(admin).query(Integer.class).single()).isEqualTo(1);

        // A second administrator approves: now, and only now, the key list opens.
        var other = "adm2-" + UUID.randomUUID().toString().substring(0, 8);
        organization.createStaff(other, "Otto Annanadmin", null, null, TestFixtures.PASSWORD, true);
        var approved = signedIn(other).postForm("/role-grants", "/role-grants/" + request + "/approve", Map.of());
        assertThat(approved.statusCode()).isEqualTo(302);

        assertThat(organization.rolesByUnit(adminId).get(org.unitId())).containsExactly(Role.PROCESS_LEAD);
        var key = self.get("/participants/" + childId + "/key");
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.body()).contains("Signhild");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'APPROVE_ROLE' and outcome = 'SUCCESS'")
                .param(other).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theUnitManagerIsNoticedOfTheRequestAndMayApproveIt() {
        var self = signedIn(admin);
        self.postForm("/admin/staff/" + adminId, "/admin/staff/" + adminId + "/roles", processLeadIn(org.unitId()));
        var request = openRequestFor(adminId);

        var manager = signedIn(org.manager());
        var notices = manager.get("/notices");
        assertThat(notices.statusCode()).isEqualTo(200);
        assertThat(notices.body()).contains("id=\"role-grants-waiting\"").contains("/role-grants");
        var waiting = manager.get("/role-grants");
        assertThat(waiting.body()).contains("Ada Admin").contains("/role-grants/" + request + "/approve");

        manager.postForm("/role-grants", "/role-grants/" + request + "/approve", Map.of());
        assertThat(organization.rolesByUnit(adminId).get(org.unitId())).containsExactly(Role.PROCESS_LEAD);
    }

    @Test
    void aRoleGivenToAnAccountTheAdministratorCreatedIsShownToTheUnitManager() {
        // The administrator makes a new account, knows its password, and gives it the interviewer role.
        var self = signedIn(admin);
        var puppet = "pup-" + UUID.randomUUID().toString().substring(0, 8);
        self.postForm("/admin/staff/new", "/admin/staff", Map.of("username", puppet, "displayName", "Pia Puppet",
                "password", TestFixtures.PASSWORD));
        var puppetId = organization.staffByUsername(puppet).orElseThrow().id();
        self.postForm("/admin/staff/" + puppetId, "/admin/staff/" + puppetId + "/roles",
                Map.of("unitId", String.valueOf(org.unitId()), "role", Role.INTERVIEWER.name()));

        // Setting up other people's roles is ordinary work and takes effect at once, but never silently:
        // the unit's manager sees the grant among the notices and on the roles page, with who gave it.
        assertThat(organization.rolesByUnit(puppetId).get(org.unitId())).containsExactly(Role.INTERVIEWER);
        var manager = signedIn(org.manager());
        assertThat(manager.get("/notices").body()).contains("id=\"role-grants-given\"");
        assertThat(manager.get("/role-grants").body()).contains("Pia Puppet").contains("Ada Admin").contains("given direkt");
        // The one who received the role sees no roles page (it is for approvers only).
        assertThat(signedIn(puppet).get("/role-grants").statusCode()).isEqualTo(404);
    }
}
