package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

/**
 * Several children in one go: all rows are checked first, and one bad row means no child is added,
 * with every problem named by its row. Empty rows are skipped; case workers are matched by name.
 */
@IntegrationTest
class AddChildrenIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired JdbcClient jdbc;

    TestFixtures.Org org;
    Round round;

    @BeforeEach
    void setUp() {
        org = fixtures.organisation();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), fixtures.smallGuide(),
                new RoundService.Plan("Många barn " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 10, null)));
    }

    private ParticipantService.NewParticipant child(Integer age, String firstName, List<Long> caseWorkers) {
        return new ParticipantService.NewParticipant(age, Gender.GIRL, "sv", ContactType.INVESTIGATION, firstName, null,
                caseWorkers, List.of(), null);
    }

    @Test
    void validRowsAreAddedInOrderWithPseudonymsAndEncryptedNames() {
        var added = TestFixtures.as(org.processLead(), () -> participants.addAll(round.id(), List.of(
                child(8, "Alva", List.of(org.interviewerIds().get(0))),
                child(12, "Bo", List.of()),
                child(15, "Cleo", List.of(org.interviewerIds().get(1))))));

        assertThat(added).extracting(Participant::pseudonym).containsExactly("B01", "B02", "B03");
        assertThat(added).extracting(Participant::age).containsExactly(8, 12, 15);
        assertThat(added.get(0).caseWorkers()).extracting(CaseWorker::staffId).containsExactly(org.interviewerIds().get(0));
        var stored = jdbc.sql("select ciphertext from key_list_entry where participant_id = ?").param(added.get(2).id())
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Cleo");
        assertThat(TestFixtures.as(org.processLead(), () -> participants.keyEntry(added.get(2).id())).firstName()).isEqualTo("Cleo");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'CREATE' and record_type = 'participant' and unit_id = ?")
                .param(org.unitId()).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void oneBadRowAddsNothingAndEveryProblemIsNamedByItsRow() {
        var error = catchThrowableOfType(InvalidRowsException.class, () -> TestFixtures.run(org.processLead(),
                () -> participants.addAll(round.id(), List.of(
                        child(8, "Alva", List.of()),
                        child(null, "Bo 20150312-1236", List.of()),
                        child(30, "Cleo", List.of(999_999_999L))))));

        assertThat(error.byRow()).containsOnlyKeys(1, 2);
        assertThat(error.byRow().get(1)).extracting(e -> e.field() + ":" + e.messageKey())
                .containsExactly("age:participant.age.required", "firstName:privacy.identityNumber");
        assertThat(error.byRow().get(2)).extracting(e -> e.field() + ":" + e.messageKey())
                .containsExactly("age:participant.age.range", "currentCaseWorkers:participant.caseWorker.unknown");
        assertThat(TestFixtures.as(org.processLead(), () -> participants.of(round.id()))).isEmpty();
    }

    @Test
    void onlyTheProcessLeadMayAddAndAClosedOrForeignRoundIsRefused() {
        var interviewer = org.interviewers().get(0);
        assertThat(catchThrowableOfType(se.delaktig.web.NotFoundException.class, () -> TestFixtures.run(interviewer,
                () -> participants.addAll(round.id(), List.of(child(8, "Alva", List.of())))))).isNotNull();
        var stranger = fixtures.organisation();
        assertThat(catchThrowableOfType(se.delaktig.web.NotFoundException.class, () -> TestFixtures.run(stranger.processLead(),
                () -> participants.addAll(round.id(), List.of(child(8, "Alva", List.of())))))).isNotNull();
    }

    @Test
    void theFormSkipsEmptyRowsNamesEachRowsErrorsAndKeepsWhatWasTyped() throws Exception {
        var lead = user(org.processLead()).roles("STAFF");
        mvc.perform(post("/rounds/{id}/participants/batch", round.id()).with(lead).with(csrf())
                        .param("rows[0].firstName", "Alva").param("rows[0].age", "8").param("rows[0].language", "sv")
                        .param("rows[0].currentCaseWorkers", "ida intervjuare")
                        .param("rows[1].firstName", "").param("rows[1].age", "").param("rows[1].language", "sv").param("rows[1].guardians", "2")
                        .param("rows[2].firstName", "Bo").param("rows[2].age", "tolv").param("rows[2].language", "sv")
                        .param("rows[3].firstName", "").param("rows[3].age", "11").param("rows[3].language", "sv")
                        .param("rows[3].formerCaseWorkers", "Okänd Person"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Inga barn lades till.")))
                .andExpect(content().string(containsString("Rad 3 – Ålder: Skriv åldern som en siffra i hela år")))
                .andExpect(content().string(containsString("Rad 4 – Förnamn: Skriv barnets förnamn.")))
                .andExpect(content().string(containsString("Rad 4 – Tidigare socialsekreterare: Ingen i enheten heter &quot;Okänd Person&quot;")))
                .andExpect(content().string(not(containsString("Rad 1 –"))))
                .andExpect(content().string(not(containsString("Rad 2 –"))))
                .andExpect(content().string(containsString("value=\"tolv\"")))
                .andExpect(content().string(containsString("value=\"ida intervjuare\"")))
                .andExpect(content().string(containsString("aria-describedby=\"rows-2-age-error\"")));
        assertThat(TestFixtures.as(org.processLead(), () -> participants.of(round.id()))).isEmpty();

        var result = mvc.perform(post("/rounds/{id}/participants/batch", round.id()).with(lead).with(csrf())
                        .param("rows[0].firstName", "Alva").param("rows[0].age", "8").param("rows[0].language", "sv")
                        .param("rows[0].currentCaseWorkers", "ida intervjuare, Ivar Intervjuare")
                        .param("rows[1].firstName", "").param("rows[1].age", "").param("rows[1].language", "sv")
                        .param("rows[2].firstName", "Bo").param("rows[2].age", "12").param("rows[2].language", "ar")
                        .param("rows[2].gender", "BOY").param("rows[2].contactType", "PLACEMENT").param("rows[2].guardians", "1")
                        .param("rows[2].formerCaseWorkers", org.interviewers().get(2)))
                .andExpect(status().is3xxRedirection()).andReturn();
        var children = TestFixtures.as(org.processLead(), () -> participants.of(round.id()));
        assertThat(children).extracting(Participant::pseudonym).containsExactly("B01", "B02");
        assertThat(children.get(0).caseWorkers()).extracting(CaseWorker::staffId)
                .containsExactlyInAnyOrder(org.interviewerIds().get(0), org.interviewerIds().get(1));
        assertThat(children.get(1).caseWorkers()).extracting(c -> c.staffId() + ":" + c.current())
                .containsExactly(org.interviewerIds().get(2) + ":false");
        assertThat(children.get(1).language()).isEqualTo("ar");
        assertThat(children.get(1).contactType()).isEqualTo(ContactType.PLACEMENT);
        assertThat(children.get(1).guardians()).isEqualTo(1);

        var location = result.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/rounds/" + round.id() + "/participants/added");
        mvc.perform(get(java.net.URI.create(location)).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Lägg till fler barn")))
                .andExpect(content().string(containsString(">B01<")))
                .andExpect(content().string(containsString(">B02<")))
                .andExpect(content().string(not(containsString("Alva"))));
    }

    @Test
    void anEmptyFormSaysWhatToFillIn() throws Exception {
        mvc.perform(post("/rounds/{id}/participants/batch", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("rows[0].firstName", "").param("rows[0].language", "sv").param("rows[0].guardians", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Rad 1 – Förnamn: Fyll i minst en rad")));
    }

    @Test
    void withoutJavaScriptAddARowKeepsTheRowsAndAddsOne() throws Exception {
        mvc.perform(post("/rounds/{id}/participants/batch", round.id()).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("addRow", "1")
                        .param("rows[0].firstName", "Alva").param("rows[0].age", "8").param("rows[0].language", "sv"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Alva\"")))
                .andExpect(content().string(containsString("id=\"rows-1-firstName\"")))
                .andExpect(content().string(not(containsString("id=\"rows-2-firstName\""))))
                .andExpect(content().string(not(containsString("Inga barn lades till"))));
        assertThat(TestFixtures.as(org.processLead(), () -> participants.of(round.id()))).isEmpty();
    }

    @Test
    void afterOneChildTheChildsPageIsToldToOfferTheNextChild() throws Exception {
        var lead = user(org.processLead()).roles("STAFF");
        var result = mvc.perform(post("/rounds/{id}/participants", round.id()).with(lead).with(csrf())
                        .param("age", "9").param("firstName", "Love").param("language", "sv"))
                .andExpect(status().is3xxRedirection()).andReturn();
        // Only right after adding (a flash attribute): the browser test follows the link itself.
        assertThat(result.getFlashMap().get("addedToRound")).isEqualTo(round.id());
        mvc.perform(get(result.getResponse().getRedirectedUrl()).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Lägg till ett barn till"))));
    }
}
