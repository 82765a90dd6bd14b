package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.Interviews;
import se.delaktig.web.InvalidInputException;

/**
 * The plan of a round can be changed by its process lead, audited; the guide only until an
 * interview has been opened; and no two rounds of a unit share a title.
 */
@IntegrationTest
class RoundPlanIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;
    long guide;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        guide = fixtures.smallGuide();
    }

    private Round newRound(TestFixtures.Org o, String title) {
        return TestFixtures.as(o.processLead(), () -> rounds.create(o.unitId(), guide,
                new RoundService.Plan(title, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
    }

    private static RoundService.PlanChange change(Round round, String title, Long guideId, Integer version) {
        return new RoundService.PlanChange(new RoundService.Plan(title, round.periodStart(), LocalDate.of(2026, 11, 30),
                6, LocalDate.of(2026, 10, 1)), guideId, version);
    }

    @Test
    void twoRoundsOfAUnitCannotShareATitleWhateverTheCaseAndSpaces() {
        newRound(org, "Barns röster 2026");
        var error = catchThrowableOfType(InvalidInputException.class, () -> newRound(org, "  barns RÖSTER 2026 "));
        assertThat(error.field()).isEqualTo("title");
        assertThat(error.messageKey()).isEqualTo("round.title.taken");
        // Another unit may use the same title.
        var other = fixtures.organisation();
        assertThat(newRound(other, "Barns röster 2026").title()).isEqualTo("Barns röster 2026");
        // The database holds the rule too, for two saves at the same moment.
        assertThatThrownBy(() -> jdbc.sql("""
                insert into round (unit_id, title, period_start, period_end, guide_id, created_by)
                values (?, 'BARNS RÖSTER 2026 ', date '2026-01-01', date '2026-12-31', ?, 'test')""")
                .params(org.unitId(), guide).update()).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theCreateFormNamesTheTakenTitleAndKeepsWhatWasTyped() throws Exception {
        newRound(org, "Våra barns röster");
        mvc.perform(post("/rounds").with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(org.unitId())).param("guideId", String.valueOf(guide))
                        .param("title", "våra barns röster").param("periodStart", "2026-02-01").param("periodEnd", "2026-11-30"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("En annan omgång i enheten heter redan så")))
                .andExpect(content().string(containsString("value=\"våra barns röster\"")))
                .andExpect(content().string(containsString("aria-describedby=\"title-hint title-error\"")));
    }

    @Test
    void theProcessLeadChangesThePlanAndTheLogNamesWhatChanged() throws Exception {
        var round = newRound(org, "Plan A");
        newRound(org, "Plan B");
        var lead = user(org.processLead()).roles("STAFF");
        mvc.perform(get("/rounds/{id}/edit", round.id()).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Plan A\"")))
                .andExpect(content().string(containsString("id=\"guideId\"")));

        // A title another round has is refused, with what was typed kept.
        mvc.perform(post("/rounds/{id}/edit", round.id()).with(lead).with(csrf())
                        .param("title", "plan b").param("periodStart", "2026-01-01").param("periodEnd", "2026-12-31")
                        .param("guideId", String.valueOf(guide)).param("targetChildren", "8")
                        .param("version", String.valueOf(round.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("En annan omgång i enheten heter redan så")))
                .andExpect(content().string(containsString("value=\"plan b\"")));

        mvc.perform(post("/rounds/{id}/edit", round.id()).with(lead).with(csrf())
                        .param("title", "Plan A, hösten").param("periodStart", "2026-08-01").param("periodEnd", "2026-12-31")
                        .param("guideId", String.valueOf(guide)).param("targetChildren", "5").param("seminarDate", "2026-12-01")
                        .param("version", String.valueOf(round.version())))
                .andExpect(status().is3xxRedirection());
        var saved = TestFixtures.as(org.processLead(), () -> rounds.get(round.id()));
        assertThat(saved.title()).isEqualTo("Plan A, hösten");
        assertThat(saved.periodStart()).isEqualTo(LocalDate.of(2026, 8, 1));
        assertThat(saved.targetChildren()).isEqualTo(5);
        assertThat(saved.seminarDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        var logged = jdbc.sql("select actor || ' ' || detail from audit_event where action = 'UPDATE' and record_type = 'round' and record_id = ?")
                .param(String.valueOf(round.id())).query(String.class).list();
        assertThat(logged).containsExactly(org.processLead() + " plan changed: title, period, target, seminar date");
    }

    @Test
    void aChangeSavedMeanwhileIsNotOverwrittenAndTheTypedTextStays() throws Exception {
        var round = newRound(org, "Plan C");
        TestFixtures.as(org.processLead(), () -> rounds.edit(round.id(), change(round, "Plan C2", null, round.version())));
        var error = catchThrowableOfType(InvalidInputException.class, () -> TestFixtures.as(org.processLead(),
                () -> rounds.edit(round.id(), change(round, "Plan C3", null, round.version()))));
        assertThat(error.messageKey()).isEqualTo("round.edit.stale");
        mvc.perform(post("/rounds/{id}/edit", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("title", "Plan C3").param("periodStart", "2026-01-01").param("periodEnd", "2026-12-31")
                        .param("version", String.valueOf(round.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Någon annan sparade planeringen medan du skrev")))
                .andExpect(content().string(containsString("value=\"Plan C3\"")));
        assertThat(TestFixtures.as(org.processLead(), () -> rounds.get(round.id())).title()).isEqualTo("Plan C2");
    }

    @Test
    void theGuideChangesOnlyUntilTheFirstInterviewIsOpened() throws Exception {
        var round = newRound(org, "Guidebyte");
        var otherGuide = fixtures.smallGuide();
        var changed = TestFixtures.as(org.processLead(), () -> rounds.edit(round.id(), change(round, "Guidebyte", otherGuide, round.version())));
        assertThat(changed.guideId()).isEqualTo(otherGuide);

        var child = TestFixtures.as(org.processLead(), () -> {
            rounds.advance(round.id());
            var c = participants.add(round.id(), new ParticipantService.NewParticipant(10, Gender.BOY, "Tor", null, List.of(), List.of()));
            participants.recordConsent(c.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(c.id(), org.interviewerIds().get(0));
            rounds.advance(round.id());
            rounds.advance(round.id());
            return c;
        });
        TestFixtures.run(org.interviewers().get(0), () -> interviews.open(child.id()));

        var current = TestFixtures.as(org.processLead(), () -> rounds.get(round.id()));
        var error = catchThrowableOfType(InvalidInputException.class, () -> TestFixtures.as(org.processLead(),
                () -> rounds.edit(round.id(), change(current, "Guidebyte", guide, current.version()))));
        assertThat(error.field()).isEqualTo("guideId");
        assertThat(error.messageKey()).isEqualTo("round.edit.guideLocked");
        // The rest of the plan can still change.
        TestFixtures.run(org.processLead(), () -> rounds.edit(round.id(), change(current, "Guidebyte 2026", null, current.version())));
        mvc.perform(get("/rounds/{id}/edit", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Guiden kan inte bytas längre, eftersom minst en intervju har påbörjats")))
                .andExpect(content().string(not(containsString("<select id=\"guideId\""))));
    }

    @Test
    void onlyTheProcessLeadOfTheUnitSeesThePlanForm() throws Exception {
        var round = newRound(org, "Bara processledaren");
        mvc.perform(get("/rounds/{id}/edit", round.id()).with(user(org.interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/rounds/{id}/edit", round.id()).with(user(org.manager()).roles("STAFF")))
                .andExpect(status().isNotFound());
        var stranger = fixtures.organisation();
        mvc.perform(post("/rounds/{id}/edit", round.id()).with(user(stranger.processLead()).roles("STAFF")).with(csrf())
                        .param("title", "Kapad").param("periodStart", "2026-01-01").param("periodEnd", "2026-12-31")
                        .param("version", String.valueOf(round.version())))
                .andExpect(status().isNotFound());
        assertThat(TestFixtures.as(org.processLead(), () -> rounds.get(round.id())).title()).isEqualTo("Bara processledaren");
        mvc.perform(get("/rounds/{id}", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("href=\"/rounds/" + round.id() + "/edit\"")));
    }

    @Test
    void aTitleRenamedByTheMigrationIsExplainedOnThePlanPage() throws Exception {
        var round = newRound(org, "Barns röster 2025 (" + org.suffix() + ")");
        jdbc.sql("insert into round_title_renamed (round_id, old_title, new_title) values (?, 'Barns röster 2025', ?)")
                .params(round.id(), round.title()).update();
        mvc.perform(get("/rounds/{id}/edit", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("Titeln ändrades automatiskt från &quot;Barns röster 2025&quot;")));
    }
}
