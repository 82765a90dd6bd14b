package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Organization;

@IntegrationTest
class SelectionIT {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Selections selections;
    @Autowired Organization organization;
    @Autowired MockMvc mvc;

    TestFixtures.Org org;
    Round round;

    /**
     * Twelve invited children with a threshold of 3: four girls of 10 and three boys of 15 declined,
     * one girl of 7 withdrew, two boys of 7 consented and two young people of 16 never answered.
     */
    @BeforeEach
    void invitedChildren() {
        org = fixtures.organisation();
        organization.setSuppressionThreshold(org.municipalityId(), 3);
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), fixtures.smallGuide(),
                new RoundService.Plan("Urval " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
        TestFixtures.run(org.processLead(), () -> {
            rounds.advance(round.id());
            for (int i = 0; i < 4; i++) {
                var p = add(10, Gender.GIRL, ContactType.INVESTIGATION, "sv");
                participants.recordAnswer(p.id(), ConsentParty.CHILD, ChildAnswer.NO, null);
            }
            for (int i = 0; i < 3; i++) {
                var p = add(15, Gender.BOY, ContactType.PLACEMENT, "sv");
                participants.recordAnswer(p.id(), ConsentParty.CHILD, ChildAnswer.NO, null);
            }
            var withdrawn = add(7, Gender.GIRL, ContactType.INTERVENTION, "ar");
            participants.recordAnswer(withdrawn.id(), ConsentParty.CHILD, ChildAnswer.YES, null);
            participants.withdraw(withdrawn.id(), ConsentParty.GUARDIAN_1, null);
            for (int i = 0; i < 2; i++) {
                var p = add(7, Gender.BOY, ContactType.INTERVENTION, "sv");
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            }
            for (int i = 0; i < 2; i++) {
                add(16, Gender.OTHER, null, "so");
            }
        });
    }

    private Participant add(int age, Gender gender, ContactType type, String language) {
        return participants.add(round.id(), new ParticipantService.NewParticipant(age, gender, language, type, "Barn", null,
                List.of(), List.of()));
    }

    @Test
    void theSpreadShowsEveryGroupAgainstTheTarget() throws Exception {
        var spread = TestFixtures.as(org.manager(), () -> selections.spread(round.id()));
        assertThat(spread.invited()).isEqualTo(12);
        assertThat(spread.target()).isEqualTo(8);
        assertThat(spread.withdrawn()).isEqualTo(1);
        var ages = spread.tables().get(0);
        assertThat(ages.rows()).extracting(Selections.SpreadRow::category, Selections.SpreadRow::invited)
                .containsExactly(tuple("5-8", 3), tuple("9-12", 4),
                        tuple("13-18", 5));

        var page = mvc.perform(get("/rounds/{id}/selection", round.id()).with(user(org.manager()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("12 inbjudna, målet är 8 intervjuade barn", "<caption>Åldersgrupp</caption>",
                "<caption>Typ av kontakt</caption>", "<caption>Språk</caption>", "somaliska", "arabiska", "Inte angiven");
        mvc.perform(get("/rounds/{id}", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content()
                        .string(containsString("/rounds/" + round.id() + "/missing")));
    }

    @Test
    void missingVoicesAreSuppressedSoThatNoSmallGroupCanBeReadOrWorkedOut() throws Exception {
        // Still in selection: the two who have not answered are not counted as unreachable yet.
        var early = TestFixtures.as(org.processLead(), () -> selections.missing(round.id()));
        assertThat(early.missing()).isEqualTo(8);
        assertThat(early.notReachedCounted()).isFalse();

        TestFixtures.run(org.processLead(), () -> rounds.advance(round.id()));
        var missing = TestFixtures.as(org.processLead(), () -> selections.missing(round.id()));
        assertThat(missing.missing()).isEqualTo(10);
        assertThat(missing.threshold()).isEqualTo(3);
        for (var table : missing.tables()) {
            assertThat(table.cells()).as(table.dimension()).allSatisfy(c ->
                    assertThat(c.suppressed() || c.count() >= 3).as(table.dimension() + " " + c.category()).isTrue());
            assertThat(table.cells().stream().filter(Selections.Cell::suppressed).count()).as(table.dimension()).isNotEqualTo(1);
        }
        // Ages: 5–8 has one, 9–12 four, 13–18 five; with the total of 10 the one hidden number would be
        // 10 − 4 − 5 = 1. The old page hid the 4 as well and called it "färre än 3", which was untrue;
        // now the age breakdown is not shown at all.
        assertThat(missing.tables().get(0).withheld()).isTrue();
        assertThat(missing.tables().get(0).cells()).isEmpty();
        // Gender: girls 5, boys 3, another gender 2, not recorded 0 (listed all the same): 2 + 0 hidden can be 0 to 2 each.
        assertThat(missing.tables().get(1).cells()).extracting(Selections.Cell::category, Selections.Cell::count)
                .containsExactly(tuple("GIRL", 5), tuple("BOY", 3), tuple("OTHER", null), tuple(Selections.NONE, null));
        // The reasons are whole-round totals, as the memo writes them (asked, consented, declined, not answered).
        assertThat(missing.byReason().cells()).extracting(Selections.Cell::count).containsExactly(7, 1, 2);

        var page = mvc.perform(get("/rounds/{id}/missing", round.id()).with(user(org.manager()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("10 av 12 inbjudna barn", "färre än 3", "Saknade röster per åldersgrupp: Visas inte",
                "<caption>Saknade röster per kön</caption>", "<th scope=\"row\">Gick inte att nå</th>");
        var groups = page.substring(page.indexOf("id=\"missing-GENDER\""));
        var cells = Pattern.compile("<td class=\"number\">([^<]*)</td>").matcher(groups);
        var shown = 0;
        while (cells.find()) {
            var text = cells.group(1).trim();
            assertThat(text.equals("färre än 3") || Integer.parseInt(text) >= 3).as(text).isTrue();
            shown++;
        }
        assertThat(shown).isGreaterThan(10);
        mvc.perform(get("/api/v1/rounds/{id}/missing", round.id()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.missing").value(10))
                .andExpect(jsonPath("$.tables[0].withheld").value(true))
                .andExpect(jsonPath("$.tables[1].cells[2].count").doesNotExist());
    }

    @Test
    void onlyProcessLeadsAndUnitManagersOfTheUnitSeeIt() throws Exception {
        var stranger = fixtures.organisation();
        for (var path : List.of("/rounds/%d/selection", "/rounds/%d/missing", "/api/v1/rounds/%d/selection", "/api/v1/rounds/%d/missing")) {
            for (var who : List.of(stranger.processLead(), org.interviewers().get(0))) {
                var other = mvc.perform(get(String.format(path, round.id())).with(user(who).roles("STAFF")).with(csrf()))
                        .andReturn().getResponse();
                var missing = mvc.perform(get(String.format(path, round.id() + 1_000_000)).with(user(who).roles("STAFF")).with(csrf()))
                        .andReturn().getResponse();
                assertThat(other.getStatus()).as(who + " " + path).isEqualTo(404);
                assertThat(ConsentIT.normalised(other.getContentAsString(), round.id()))
                        .isEqualTo(ConsentIT.normalised(missing.getContentAsString(), round.id() + 1_000_000));
            }
            mvc.perform(get(String.format(path, round.id())).with(user(org.processLead()).roles("STAFF"))).andExpect(status().isOk());
        }
    }
}
