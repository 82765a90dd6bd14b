package se.delaktig.seminar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.TestFixtures;
import se.delaktig.IntegrationTest;
import se.delaktig.analysis.InterviewedRound;
import se.delaktig.interview.CompletedInterviews;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class SeminarIT {

    @Autowired
    InterviewedRound interviewedRound;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    Seminars seminars;
    @Autowired
    CompletedInterviews completed;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void processLeadRecordsDateParticipantsAndEncryptedNotes() throws Exception {
        var round = interviewedRound.create();
        var org = round.org();
        var lead = org.processLead();

        TestFixtures.run(lead, () -> seminars.saveRecord(round.roundId(), new Seminars.RecordInput(LocalDate.of(2026, 9, 10),
                Set.of(org.processLeadId(), org.interviewerIds().get(0)), "Vi pratade om väntetider.")));

        var record = TestFixtures.as(org.interviewers().get(1), () -> seminars.record(round.roundId()));
        assertThat(record.heldOn()).isEqualTo(LocalDate.of(2026, 9, 10));
        assertThat(record.participants()).extracting(p -> p.id())
                .containsExactlyInAnyOrder(org.processLeadId(), org.interviewerIds().get(0));
        assertThat(record.notes()).isEqualTo("Vi pratade om väntetider.");
        assertThat(record.editable()).isFalse();
        var stored = jdbc.sql("select notes from seminar where round_id = ?").param(round.roundId()).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("väntetider");
        assertThat(auditCount("UPDATE", "seminar", round.roundId())).isEqualTo(1);

        // Only the process lead edits the record; for an interviewer the round's record is "not found".
        assertThatThrownBy(() -> TestFixtures.run(org.interviewers().get(0), () -> seminars.saveRecord(round.roundId(),
                new Seminars.RecordInput(null, Set.of(), null)))).isInstanceOf(NotFoundException.class);
        // Someone outside the unit cannot be a participant.
        var other = fixtures.organisation();
        assertThatThrownBy(() -> TestFixtures.run(lead, () -> seminars.saveRecord(round.roundId(),
                new Seminars.RecordInput(null, Set.of(other.processLeadId()), null))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void recordFormKeepsWhatWasTypedAndMarksTheInvalidField() throws Exception {
        var round = interviewedRound.create();
        var lead = round.org().processLead();

        mvc.perform(post("/rounds/{id}/seminar", round.roundId()).with(user(lead).roles("STAFF")).with(csrf())
                        .param("heldOn", "10 september").param("notes", "Mina anteckningar")
                        .param("participantIds", String.valueOf(round.org().interviewerIds().get(2))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(containsString("id=\"heldOn-error\"")))
                .andExpect(content().string(containsString("Mina anteckningar")))
                .andExpect(content().string(containsString("value=\"10 september\"")));

        mvc.perform(post("/rounds/{id}/seminar", round.roundId()).with(user(lead).roles("STAFF")).with(csrf())
                        .param("heldOn", "2026-09-10").param("notes", "Barnets nummer 20121212-1212"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"notes-error\"")));
    }

    @Test
    void participantsTickOffWhatTheyReadAndTheLeadSeesWhoHasNotFinished() throws Exception {
        var round = interviewedRound.create();
        var org = round.org();
        var reader = org.interviewers().get(0);
        TestFixtures.run(org.processLead(), () -> seminars.saveRecord(round.roundId(), new Seminars.RecordInput(null,
                Set.of(org.interviewerIds().get(0), org.interviewerIds().get(1)), null)));
        var interviews = TestFixtures.as(reader, () -> completed.of(round.roundId()));
        assertThat(interviews).hasSize(3);

        TestFixtures.run(reader, () -> seminars.setRead(round.roundId(),
                List.of(interviews.get(0).interviewId(), interviews.get(1).interviewId())));

        var checklist = TestFixtures.as(reader, () -> seminars.checklist(round.roundId()));
        assertThat(checklist).extracting(Seminars.ReadingItem::read).containsExactly(true, true, false);
        var progress = TestFixtures.as(org.processLead(), () -> seminars.progress(round.roundId()));
        assertThat(progress).filteredOn(p -> p.staffId() == org.interviewerIds().get(0)).singleElement()
                .satisfies(p -> {
                    assertThat(p.read()).isEqualTo(2);
                    assertThat(p.unread()).containsExactly(interviews.get(2).pseudonym());
                    assertThat(p.finished()).isFalse();
                });
        assertThat(progress).filteredOn(p -> p.staffId() == org.interviewerIds().get(1)).singleElement()
                .satisfies(p -> assertThat(p.read()).isZero());

        // The process lead's page lists the unfinished reading; the reader's page has the ticks.
        mvc.perform(get("/rounds/{id}/seminar", round.roundId()).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2 av 3")))
                .andExpect(content().string(containsString(interviews.get(2).pseudonym())));
        mvc.perform(post("/rounds/{id}/seminar/reading", round.roundId()).with(user(reader).roles("STAFF")).with(csrf())
                        .param("read", String.valueOf(interviews.get(2).interviewId())))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(reader, () -> seminars.checklist(round.roundId())))
                .extracting(Seminars.ReadingItem::read).containsExactly(false, false, true);
        // Only the lead sees everyone's progress.
        assertThatThrownBy(() -> TestFixtures.as(reader, () -> seminars.progress(round.roundId())))
                .isInstanceOf(NotFoundException.class);
        // Someone not in the seminar has no checklist to tick.
        assertThatThrownBy(() -> TestFixtures.run(org.interviewers().get(2), () -> seminars.setRead(round.roundId(),
                List.of(interviews.get(0).interviewId())))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void proposalsAreRankedAndTheTeamCanMoveThem() throws Exception {
        var round = interviewedRound.create();
        var user = round.org().interviewers().get(0);
        var id = round.roundId();
        var first = TestFixtures.as(user, () -> seminars.addProposal(id,
                new Seminars.NewProposal("Samma socialsekreterare hela utredningen", "kontakt", "Två av tre barn bytte")));
        var second = TestFixtures.as(user, () -> seminars.addProposal(id, new Seminars.NewProposal("Förklara beslut", "", null)));
        var third = TestFixtures.as(user, () -> seminars.addProposal(id, new Seminars.NewProposal("Fråga barnet först", null, null)));
        assertThat(List.of(first.rank(), second.rank(), third.rank())).containsExactly(1, 2, 3);
        assertThat(first.areaTitle()).isEqualTo("Kontakt");
        assertThat(first.evidence()).isEqualTo("Två av tre barn bytte");
        var before = TestFixtures.as(user, () -> seminars.proposalsVersion(id));

        TestFixtures.run(user, () -> seminars.move(id, third.id(), Seminars.Direction.UP));
        TestFixtures.run(user, () -> seminars.move(id, first.id(), Seminars.Direction.UP));

        var after = TestFixtures.as(user, () -> seminars.proposals(id));
        assertThat(after.items()).extracting(Seminars.Proposal::id).containsExactly(first.id(), third.id(), second.id());
        assertThat(after.items()).extracting(Seminars.Proposal::rank).containsExactly(1, 2, 3);
        assertThat(after.version()).isNotEqualTo(before);
        assertThat(auditCount("CREATE", "seminar_proposal", first.id())).isEqualTo(1);
        assertThat(auditCount("RANK", "seminar_proposal", third.id())).isEqualTo(1);

        // Through the page: moving the last one up puts it second.
        mvc.perform(post("/rounds/{id}/seminar/proposals/{p}/move", id, second.id()).param("direction", "up")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(user, () -> seminars.proposals(id)).items()).extracting(Seminars.Proposal::id)
                .containsExactly(first.id(), second.id(), third.id());

        // Through the API.
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals/{p}/move", id, third.id())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"direction\":\"UP\"}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[1].id").value(third.id()));
    }

    @Test
    void proposalsRefuseIdentityNumbersEmptyTextAndUnknownAreas() throws Exception {
        var round = interviewedRound.create();
        var user = round.org().interviewers().get(0);
        var id = round.roundId();

        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Ring 20121212-1212\",\"areaCode\":\"kontakt\"}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Bra förslag\",\"areaCode\":\"finns-inte\"}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("areaCode"));
        mvc.perform(post("/rounds/{id}/seminar/proposals", id).param("text", " ").param("evidence", "Tema: väntan")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"text-error\"")))
                .andExpect(content().string(containsString("Tema: väntan")));
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Bra förslag\",\"areaCode\":\"kontakt\"}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rank").value(1));
    }

    @Test
    void theLiveListAnswersNoContentUntilSomethingChanges() throws Exception {
        var round = interviewedRound.create();
        var user = round.org().interviewers().get(0);
        var id = round.roundId();
        var version = TestFixtures.as(user, () -> seminars.proposalsVersion(id));

        mvc.perform(get("/rounds/{id}/seminar/live/proposals", id).param("since", version).with(user(user).roles("STAFF")))
                .andExpect(status().isNoContent());
        TestFixtures.run(round.org().interviewers().get(1), () -> seminars.addProposal(id,
                new Seminars.NewProposal("Ett nytt förslag från Ivar", null, null)));
        mvc.perform(get("/rounds/{id}/seminar/live/proposals", id).param("since", version).with(user(user).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ett nytt förslag från Ivar")))
                .andExpect(content().string(containsString("hx-trigger=\"every 3s\"")))
                .andExpect(content().string(not(containsString("<h1"))));
    }

    @Test
    void everySeminarRouteIsNotFoundForAnotherUnit() throws Exception {
        var round = interviewedRound.create();
        var id = round.roundId();
        var proposal = TestFixtures.as(round.org().processLead(), () -> seminars.addProposal(id,
                new Seminars.NewProposal("Förslag", null, null)));
        var outsider = fixtures.organisation().processLead();

        List<MockHttpServletRequestBuilder> requests = List.of(
                get("/rounds/{id}/seminar", id),
                get("/rounds/{id}/seminar/live", id),
                get("/rounds/{id}/seminar/live/proposals", id).param("since", "x"),
                post("/rounds/{id}/seminar", id).param("heldOn", "2026-01-01"),
                post("/rounds/{id}/seminar/reading", id),
                post("/rounds/{id}/seminar/proposals", id).param("text", "Mitt förslag"),
                post("/rounds/{id}/seminar/proposals/{p}/move", id, proposal.id()).param("direction", "up"),
                get("/api/v1/rounds/{id}/seminar/proposals", id),
                post("/api/v1/rounds/{id}/seminar/proposals", id).contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"),
                post("/api/v1/rounds/{id}/seminar/proposals/{p}/move", id, proposal.id())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"direction\":\"UP\"}"),
                get("/api/v1/rounds/{id}/seminar/reading", id),
                get("/api/v1/rounds/{id}/seminar/reading/progress", id));
        for (var request : requests) {
            mvc.perform(request.with(user(outsider).roles("STAFF")).with(csrf())).andExpect(status().isNotFound());
        }
        // A proposal of another round cannot be moved through this round either.
        var otherRound = interviewedRound.create();
        mvc.perform(post("/rounds/{id}/seminar/proposals/{p}/move", otherRound.roundId(), proposal.id())
                        .param("direction", "up").with(user(otherRound.org().processLead()).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(TestFixtures.as(round.org().processLead(), () -> seminars.proposals(id)).items()).hasSize(1);
    }

    private int auditCount(String action, String type, long recordId) {
        return jdbc.sql("select count(*) from audit_event where action = ? and record_type = ? and record_id = ?")
                .params(action, type, String.valueOf(recordId)).query(Integer.class).single();
    }
}
