package se.delaktig.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;

@IntegrationTest
class AuditReviewIT {

    private static final String REFUSED = "(?s).*(append-only|permission denied).*";

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog audit;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Organization organization;

    @Autowired
    JdbcClient jdbc;

    private String page(String username, String query, String... roles) throws Exception {
        return mvc.perform(get("/audit" + query).with(user(username).roles(roles)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aProcessLeadSeesTheirOwnUnitsAndThemselvesButNotOtherUnits() throws Exception {
        var mine = fixtures.organisation();
        var other = fixtures.organisation();
        var tag = UUID.randomUUID().toString().substring(0, 8);
        audit.record(mine.interviewers().get(0), "READ_INTERVIEW", "interview", "mine-" + tag, mine.unitId(),
                AuditLog.Outcome.SUCCESS, null);
        audit.record(other.interviewers().get(0), "READ_INTERVIEW", "interview", "other-" + tag, other.unitId(),
                AuditLog.Outcome.SUCCESS, null);
        audit.record(mine.processLead(), "EXPORT", "report", "self-" + tag, null, AuditLog.Outcome.DENIED, "no grant");

        var lead = page(mine.processLead(), "", "STAFF", "PROCESS_LEAD");
        assertThat(lead).contains("mine-" + tag).contains("self-" + tag).doesNotContain("other-" + tag);

        var admin = "adm-" + tag;
        organization.createStaff(admin, "Alma Admin", null, null, TestFixtures.PASSWORD, true);
        var all = page(admin, "", "STAFF", "ADMIN");
        assertThat(all).contains("mine-" + tag).contains("other-" + tag).contains("self-" + tag);
    }

    @Test
    void theFilterNarrowsTheListAndStaysInTheForm() throws Exception {
        var org = fixtures.organisation();
        var tag = UUID.randomUUID().toString().substring(0, 8);
        audit.record(org.interviewers().get(0), "READ_INTERVIEW", "interview", "a-" + tag, org.unitId(), AuditLog.Outcome.SUCCESS, null);
        audit.record(org.interviewers().get(1), "READ_INTERVIEW", "interview", "b-" + tag, org.unitId(), AuditLog.Outcome.DENIED, null);
        var today = LocalDate.now(AuditLog.ZONE);

        var html = page(org.processLead(), "?actor=" + org.interviewers().get(1) + "&recordType=interview&from=" + today
                + "&to=" + today, "STAFF", "PROCESS_LEAD");

        assertThat(html).contains("b-" + tag).doesNotContain("a-" + tag)
                .contains("value=\"" + org.interviewers().get(1) + "\"")
                .contains("value=\"" + today + "\"")
                .contains("<option value=\"interview\" selected=\"selected\">interview</option>")
                .contains("Nekad");

        var tomorrow = page(org.processLead(), "?actor=" + org.interviewers().get(1) + "&from=" + today.plusDays(1),
                "STAFF", "PROCESS_LEAD");
        assertThat(tomorrow).doesNotContain("b-" + tag).contains("Inga händelser matchar filtret.");
    }

    @Test
    void aBadDateIsExplainedNextToTheField() throws Exception {
        var org = fixtures.organisation();
        var html = page(org.processLead(), "?from=1-2-3", "STAFF", "PROCESS_LEAD");
        assertThat(html).contains("Skriv datumet som ÅÅÅÅ-MM-DD").contains("aria-describedby=\"from-error\"")
                .contains("value=\"1-2-3\"");
    }

    @Test
    void staffWhoAreNeitherAdministratorsNorProcessLeadsAreKeptOut() throws Exception {
        var org = fixtures.organisation();
        mvc.perform(get("/audit").with(user(org.interviewers().get(0)).roles("STAFF", "INTERVIEWER")))
                .andExpect(status().isForbidden());
    }

    /** As the runtime role the change is not even permitted; as the owner the append-only trigger stops it. */
    @Test
    void theDatabaseRefusesToChangeOrRemoveAuditEntries() {
        var tag = UUID.randomUUID().toString();
        audit.record("someone", "READ", "round", tag, null, AuditLog.Outcome.SUCCESS, null);

        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'nobody' where record_id = ?").param(tag).update())
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage()).matches(REFUSED));
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where record_id = ?").param(tag).update())
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage()).matches(REFUSED));
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage()).matches(REFUSED));
        assertThat(jdbc.sql("select actor from audit_event where record_id = ?").param(tag).query(String.class).single())
                .isEqualTo("someone");
    }
}
