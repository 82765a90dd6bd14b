package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Codings;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.seminar.Seminars;
import se.delaktig.web.InvalidInputException;

/** Closing a round: only with confirmation, only by its process lead, and afterwards nothing changes. */
@IntegrationTest
class ClosingIT {

    @Autowired CodingWorld worlds;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Bookings bookings;
    @Autowired Conflicts conflicts;
    @Autowired Interviews interviews;
    @Autowired Codings codings;
    @Autowired Seminars seminars;
    @Autowired RoundKeys keys;
    @Autowired IdentityKeyMigration migration;
    @Autowired Organization organization;
    @Autowired TestFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    private void toFeedback(CodingWorld.World w) {
        TestFixtures.run(w.org().processLead(), () -> {
            while (rounds.get(w.roundId()).stage() != Stage.FEEDBACK) {
                rounds.advance(w.roundId());
            }
        });
    }

    @Test
    void closingNeedsTheLastStepTheProcessLeadAndAnExplicitConfirmation() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();

        assertThatThrownBy(() -> TestFixtures.run(lead, () -> rounds.close(w.roundId(), true)))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("messageKey", "closing.notYet");
        toFeedback(w);
        // "Go on" from the last step does not close: closing has its own, confirmed step.
        assertThatThrownBy(() -> TestFixtures.run(lead, () -> rounds.advance(w.roundId())))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("messageKey", "closing.confirm.useClose");

        var page = mvc.perform(get("/rounds/{id}/close", w.roundId()).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Kodnyckeln: barnens förnamn och kontaktuppgifter")
                .contains("Det går inte att ångra")
                .contains("Det här gallras " + LocalDate.now(se.delaktig.audit.AuditLog.ZONE).plusMonths(12));

        var refused = mvc.perform(post("/rounds/{id}/close", w.roundId()).with(csrf()).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Kryssa i rutan för att bekräfta").contains("aria-describedby=\"confirm-error\"");
        assertThat(rounds.closureOf(w.roundId(), w.org().unitId())).isEmpty();

        mvc.perform(post("/rounds/{id}/close", w.roundId()).param("confirm", "true").with(csrf())
                        .with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/rounds/{id}/close", w.roundId()).param("confirm", "true").with(csrf())
                        .with(user(fixtures.organisation().processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());

        mvc.perform(post("/rounds/{id}/close", w.roundId()).param("confirm", "true").with(csrf()).with(user(lead).roles("STAFF")))
                .andExpect(redirectedUrl("/rounds/" + w.roundId()));
        var round = mvc.perform(get("/rounds/{id}", w.roundId()).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var today = LocalDate.now(se.delaktig.audit.AuditLog.ZONE);
        assertThat(round).contains("Stängd " + today + "; kodnyckeln är förstörd; fritexten gallras " + today.plusMonths(12) + ".");
        assertThatThrownBy(() -> TestFixtures.run(lead, () -> rounds.close(w.roundId(), true)))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("messageKey", "round.stage.alreadyClosed");
        assertThat(jdbc.sql("select closed_by from round_closure where round_id = ?").param(w.roundId())
                .query(String.class).single()).isEqualTo(lead);
    }

    @Test
    void theApiClosesOnlyWithConfirmTrueAndReportsTheClosure() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();
        toFeedback(w);

        mvc.perform(post("/api/v1/rounds/{id}/close", w.roundId()).with(csrf()).with(user(lead).roles("STAFF"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("confirm"));
        mvc.perform(get("/api/v1/rounds/{id}/closure", w.roundId()).with(user(lead).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/rounds/{id}/close", w.roundId()).with(csrf()).with(user(lead).roles("STAFF"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"confirm\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("CLOSED"))
                .andExpect(jsonPath("$.closedBy").value(lead))
                .andExpect(jsonPath("$.retentionMonths").value(12))
                .andExpect(jsonPath("$.textShreddedAt").doesNotExist());
    }

    @Test
    void aClosedRoundsResultsAreFrozenEverywhere() {
        var w = worlds.create();
        var lead = w.org().processLead();
        var text = TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().get(0).source();
        var codeId = TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).codes().get(0).id();
        toFeedback(w);
        TestFixtures.run(lead, () -> rounds.close(w.roundId(), true));

        TestFixtures.run(lead, () -> {
            assertFrozen(() -> participants.add(w.roundId(), new ParticipantService.NewParticipant(12, null, "Ny", null,
                    List.of(), List.of())));
            assertFrozen(() -> participants.recordConsent(w.childA(), ChildAnswer.NO, GuardianAnswer.NOT_NEEDED));
            assertFrozen(() -> participants.withdraw(w.childA(), ConsentParty.CHILD, null));
            assertFrozen(() -> participants.assign(w.childA(), null));
            assertFrozen(() -> participants.recordLetterSent(w.childA(), LetterRecipient.CHILD, LocalDate.of(2026, 3, 1)));
            assertFrozen(() -> bookings.book(w.childA(), new Bookings.BookingInput(LocalDate.of(2026, 5, 4),
                    java.time.LocalTime.of(16, 0), "Kontoret")));
            assertFrozen(() -> conflicts.markKnowsFamily(w.childA(), w.org().managerId(), null));
            assertFrozen(() -> rounds.updatePlan(w.roundId(), new RoundService.Plan("Ny titel", LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 12, 31), 5, null)));
            assertFrozen(() -> seminars.saveRecord(w.roundId(), new Seminars.RecordInput(null, Set.of(), "Ny anteckning")));
            assertFrozen(() -> seminars.addProposal(w.roundId(), new Seminars.NewProposal("Fler möten på fritidsgården", null, null)));
            assertThatThrownBy(() -> rounds.goBack(w.roundId())).isInstanceOf(InvalidInputException.class);
            // The key list is gone: the entry reads as empty, not as an error.
            assertThat(participants.keyEntry(w.childA()).firstName()).isNull();
            assertThat(participants.keyList(w.roundId())).isEmpty();
        });
        TestFixtures.run(w.interviewer(), () -> {
            assertThatThrownBy(() -> codings.code(w.roundId(), new Codings.SegmentRequest(text.key(), 0, 5, List.of(codeId), null)))
                    .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("messageKey", "analysis.coding.closed");
            assertThatThrownBy(() -> interviews.save(w.interviewA(), interviews.get(w.interviewA()).version(),
                    InterviewDraft.of(List.of(new AnswerInput(w.questionId(), "NO", null, null)), null)))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> interviews.saveReflection(w.interviewA(), "Något nytt"))
                    .isInstanceOf(InvalidInputException.class);
        });
    }

    @Test
    void frozenPagesSayWhyInSwedish() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();
        toFeedback(w);
        TestFixtures.run(lead, () -> rounds.close(w.roundId(), true));

        mvc.perform(post("/rounds/{id}/seminar/proposals", w.roundId()).param("text", "Ett förslag").with(csrf())
                        .with(user(lead).roles("STAFF")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Omgången är stängd, så inget i den kan ändras längre.")));
        mvc.perform(post("/api/v1/rounds/{id}/participants", w.roundId()).with(csrf()).with(user(lead).roles("STAFF"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"age\": 12, \"firstName\": \"Ny\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Omgången är stängd, så inget i den kan ändras längre."));
    }

    @Test
    void roundsFromBeforeIdentityKeysGetOneAndTheirKeyListIsReEncryptedOnce() {
        var w = worlds.create();
        var lead = w.org().processLead();
        TestFixtures.run(lead, () -> conflicts.markKnowsFamily(w.childB(), w.org().managerId(), "Grannar"));
        // As an install from before: the key list under the round's one (text) key, and no identity key.
        var entries = jdbc.sql("""
                        select k.participant_id, k.ciphertext from key_list_entry k join participant p on p.id = k.participant_id
                        where p.round_id = ?""")
                .param(w.roundId()).query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).list();
        for (var e : entries) {
            var context = ParticipantService.keyContext((Long) e[0]);
            var plain = keys.decryptIdentity(w.roundId(), (byte[]) e[1], context);
            jdbc.sql("update key_list_entry set ciphertext = ? where participant_id = ?")
                    .params(keys.encrypt(w.roundId(), plain, context), e[0]).update();
        }
        var noteContext = Conflicts.noteContext(w.childB(), w.org().managerId());
        var note = jdbc.sql("select note from participant_known_by where participant_id = ?").param(w.childB()).query(byte[].class).single();
        jdbc.sql("update participant_known_by set note = ? where participant_id = ?")
                .params(keys.encrypt(w.roundId(), keys.decryptIdentity(w.roundId(), note, noteContext), noteContext), w.childB()).update();
        keys.destroyKey(w.roundId(), RoundKeys.Purpose.IDENTITY);

        assertThat(migration.migrateAll()).isGreaterThanOrEqualTo(1);
        assertThat(migration.migrateAll()).isZero();

        assertThat(keys.hasKey(w.roundId(), RoundKeys.Purpose.IDENTITY)).isTrue();
        TestFixtures.run(lead, () -> {
            assertThat(participants.keyEntry(w.childA()).firstName()).isEqualTo("Barn0");
            assertThat(participants.keyEntry(w.childB()).firstName()).isEqualTo("Barn1");
            assertThat(conflicts.knownBy(w.childB())).extracting(KnownBy::note).containsExactly("Grannar");
        });
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'MIGRATE_KEYS' and record_id = ? and actor = 'system'")
                .param(Long.toString(w.roundId())).query(Integer.class).single()).isEqualTo(1);
        // And closing it afterwards destroys the new identity key like any other.
        toFeedback(w);
        TestFixtures.run(lead, () -> rounds.close(w.roundId(), true));
        assertThat(keys.hasKey(w.roundId(), RoundKeys.Purpose.IDENTITY)).isFalse();
    }

    @Test
    void theRetentionRuleIsSetPerMunicipalityWithSwedishFieldErrors() throws Exception {
        var org = fixtures.organisation();
        var admin = "admin-" + org.suffix();
        organization.createStaff(admin, "Ada Admin", null, null, TestFixtures.PASSWORD, true);

        for (var bad : List.of("0", "121", "tolv")) {
            var html = mvc.perform(post("/admin/municipalities/{id}/retention", org.municipalityId())
                            .param("textRetentionMonths", bad).with(csrf()).with(user(admin).roles("STAFF", "ADMIN")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(html).as(bad).contains("Skriv ett heltal från 1 till 120 månader.")
                    .contains("id=\"textRetentionMonths-error\"").contains("value=\"" + bad + "\"");
        }
        var empty = mvc.perform(post("/admin/municipalities/{id}/retention", org.municipalityId())
                        .param("textRetentionMonths", "").with(csrf()).with(user(admin).roles("STAFF", "ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("Skriv antalet månader, ett heltal från 1 till 120.");
        assertThat(organization.municipality(org.municipalityId()).orElseThrow().textRetentionMonths()).isEqualTo(12);

        mvc.perform(post("/admin/municipalities/{id}/retention", org.municipalityId())
                        .param("textRetentionMonths", "24").with(csrf()).with(user(admin).roles("STAFF", "ADMIN")))
                .andExpect(redirectedUrl("/admin/municipalities/" + org.municipalityId()));
        assertThat(organization.municipality(org.municipalityId()).orElseThrow().textRetentionMonths()).isEqualTo(24);
        assertThat(jdbc.sql("select detail from audit_event where action = 'SET_TEXT_RETENTION' and record_id = ?")
                .param(Long.toString(org.municipalityId())).query(String.class).single()).isEqualTo("12 -> 24");
        mvc.perform(post("/admin/municipalities/{id}/retention", org.municipalityId())
                        .param("textRetentionMonths", "6").with(csrf()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isForbidden());
    }

    private static void assertFrozen(org.assertj.core.api.ThrowableAssert.ThrowingCallable change) {
        assertThatThrownBy(change).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("messageKey", "closing.frozen");
    }
}
