package se.delaktig.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.TestFixtures;
import se.delaktig.IntegrationTest;
import se.delaktig.audit.AuditLog;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class DecisionsIT {

    static final LocalDate TODAY = LocalDate.now(AuditLog.ZONE);

    @Autowired DecisionWorld worlds;
    @Autowired TestFixtures fixtures;
    @Autowired Decisions decisions;
    @Autowired FollowUp followUp;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    private Decision decide(String who, long roundId, long proposalId, Outcome outcome, String reason, Long replaces) {
        return TestFixtures.as(who, () -> decisions.decide(roundId, new Decisions.DecisionInput(proposalId, outcome, reason,
                DecidingBody.UNIT_MANAGEMENT, TODAY, null, replaces)));
    }

    private Action action(String who, long roundId, long proposalId, String text, long owner, LocalDate deadline) {
        return TestFixtures.as(who, () -> decisions.addAction(roundId, new Decisions.NewAction(proposalId, text, owner, deadline)));
    }

    @Test
    void managersDecideEachKindAndARejectionOrPostponementNeedsAReason() throws Exception {
        var w = worlds.create();
        var p = w.proposals();
        var approved = decide(w.manager(), w.roundId(), p.get(0), Outcome.APPROVED, null, null);
        assertThat(approved.reason()).isNull();
        assertThat(approved.recordedByName()).isEqualTo("Erik Enhetschef");

        assertThatThrownBy(() -> decide(w.manager(), w.roundId(), p.get(1), Outcome.REJECTED, "  ", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> decide(w.lead(), w.roundId(), p.get(2), Outcome.POSTPONED, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        decide(w.manager(), w.roundId(), p.get(1), Outcome.REJECTED, "Ryms inte i budgeten i år.", null);
        // The process lead records the committee's decision, taken by its chair.
        TestFixtures.run(w.lead(), () -> decisions.decide(w.roundId(), new Decisions.DecisionInput(p.get(2),
                Outcome.POSTPONED, "Tas upp när den nya organisationen är klar.", DecidingBody.COMMITTEE,
                TODAY.minusDays(3), "Anna Andersson, nämndens ordförande", null)));
        // Neither a date in the future nor an identity number in the reason is accepted.
        assertThatThrownBy(() -> TestFixtures.run(w.manager(), () -> decisions.decide(w.roundId(), new Decisions.DecisionInput(
                p.get(0), Outcome.APPROVED, null, DecidingBody.COMMITTEE, TODAY.plusDays(1), null, null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("decidedOn"));
        assertThatThrownBy(() -> decide(w.manager(), w.roundId(), p.get(1), Outcome.REJECTED, "Gäller 20121212-1212", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("reason"));

        // An interviewer reads the decisions, in the proposals' rank order, but records none.
        var read = TestFixtures.as(w.interviewer(), () -> decisions.forRound(w.roundId()));
        assertThat(read.mayDecide()).isFalse();
        assertThat(read.proposals()).extracting(d -> d.current().outcome())
                .containsExactly(Outcome.APPROVED, Outcome.REJECTED, Outcome.POSTPONED);
        var postponed = read.proposals().get(2).current();
        assertThat(postponed.body()).isEqualTo(DecidingBody.COMMITTEE);
        assertThat(postponed.decider()).isEqualTo("Anna Andersson, nämndens ordförande");
        assertThat(postponed.recordedByName()).isEqualTo("Petra Processledare");
        assertThat(postponed.decidedOn()).isEqualTo(TODAY.minusDays(3));
        assertThatThrownBy(() -> decide(w.interviewer(), w.roundId(), p.get(0), Outcome.REJECTED, "Nej", approved.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'DECIDE' and outcome = 'DENIED' and record_id = ?")
                .param(String.valueOf(w.roundId())).query(Integer.class).single()).isEqualTo(1);

        // The page shows the decisions in Swedish and English.
        mvc.perform(get("/rounds/{id}/decisions", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Bifallet")))
                .andExpect(content().string(containsString("Avslaget")))
                .andExpect(content().string(containsString("Ryms inte i budgeten i år.")))
                .andExpect(content().string(containsString("Anna Andersson, nämndens ordförande")))
                .andExpect(content().string(not(containsString("Spara beslutet"))));
        mvc.perform(get("/rounds/{id}/decisions", w.roundId()).param("lang", "en").with(user(w.manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Postponed")))
                .andExpect(content().string(containsString("The committee")))
                .andExpect(content().string(containsString("Save the decision")));
    }

    @Test
    void aChangedDecisionKeepsItsHistoryAndAStaleChangeIsRefused() throws Exception {
        var w = worlds.create();
        var proposal = w.proposals().get(0);
        var first = decide(w.manager(), w.roundId(), proposal, Outcome.POSTPONED, "Vänta på budgeten.", null);
        var second = decide(w.lead(), w.roundId(), proposal, Outcome.APPROVED, null, first.id());

        var item = TestFixtures.as(w.manager(), () -> decisions.forRound(w.roundId())).proposals().get(0);
        assertThat(item.current().id()).isEqualTo(second.id());
        assertThat(item.current().outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(item.history()).singleElement().satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(Outcome.POSTPONED);
            assertThat(h.reason()).isEqualTo("Vänta på budgeten.");
        });
        // Someone who still has the first decision on screen is told, and nothing is written.
        assertThatThrownBy(() -> decide(w.manager(), w.roundId(), proposal, Outcome.REJECTED, "Nej", first.id()))
                .isInstanceOf(StaleChangeException.class);
        assertThatThrownBy(() -> decide(w.manager(), w.roundId(), proposal, Outcome.REJECTED, "Nej", null))
                .isInstanceOf(StaleChangeException.class);
        assertThat(jdbc.sql("select count(*) from decision where proposal_id = ?").param(proposal)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'CHANGE_DECISION' and record_id = ?")
                .param(String.valueOf(second.id())).query(Integer.class).single()).isEqualTo(1);

        mvc.perform(get("/rounds/{id}/decisions", w.roundId()).with(user(w.manager()).roles("STAFF")))
                .andExpect(content().string(containsString("Tidigare beslut (1)")))
                .andExpect(content().string(containsString("Vänta på budgeten.")));
        // The page form: a stale copy is told beside the form, and what was typed stays.
        mvc.perform(post("/rounds/{id}/decisions/{p}", w.roundId(), proposal).with(user(w.manager()).roles("STAFF")).with(csrf())
                        .param("outcome", "REJECTED").param("reason", "Mitt skäl").param("body", "COMMITTEE")
                        .param("decidedOn", TODAY.toString()).param("replaces", String.valueOf(first.id())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"d" + proposal + "-replaces\"")))
                .andExpect(content().string(containsString("Mitt skäl")));
        // A missing reason and a garbled date are shown next to their fields.
        mvc.perform(post("/rounds/{id}/decisions/{p}", w.roundId(), w.proposals().get(1)).with(user(w.manager()).roles("STAFF"))
                        .with(csrf()).param("outcome", "REJECTED").param("reason", "").param("body", "UNIT_MANAGEMENT")
                        .param("decidedOn", TODAY.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"d" + w.proposals().get(1) + "-reason-error\"")));
        mvc.perform(post("/rounds/{id}/decisions/{p}", w.roundId(), w.proposals().get(1)).with(user(w.manager()).roles("STAFF"))
                        .with(csrf()).param("outcome", "APPROVED").param("body", "UNIT_MANAGEMENT").param("decidedOn", "1 oktober"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"d" + w.proposals().get(1) + "-decidedOn-error\"")))
                .andExpect(content().string(containsString("value=\"1 oktober\"")));
    }

    @Test
    void actionsFollowOnlyApprovedProposalsAndTheirOwnerWorksInTheUnit() throws Exception {
        var w = worlds.create();
        var p = w.proposals();
        decide(w.manager(), w.roundId(), p.get(0), Outcome.APPROVED, null, null);
        decide(w.manager(), w.roundId(), p.get(1), Outcome.REJECTED, "Nej", null);
        var deadline = TODAY.plusMonths(3);

        var added = action(w.manager(), w.roundId(), p.get(0), "Ny rutin för byte av handläggare", w.interviewerId(), deadline);
        assertThat(added.status()).isEqualTo(ActionStatus.PLANNED);
        assertThat(added.ownerName()).isEqualTo("Ida Intervjuare");
        assertThat(added.overdue()).isFalse();
        for (long proposal : List.of(p.get(1), p.get(2))) {
            assertThatThrownBy(() -> action(w.manager(), w.roundId(), proposal, "Gör något", w.interviewerId(), deadline))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("proposalId"));
        }
        var stranger = fixtures.organisation();
        assertThatThrownBy(() -> action(w.manager(), w.roundId(), p.get(0), "Gör något", stranger.interviewerIds().get(0), deadline))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ownerId"));
        assertThatThrownBy(() -> action(w.manager(), w.roundId(), p.get(0), "Ring 20121212-1212", w.interviewerId(), deadline))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("text"));
        // An interviewer who does not own the action only reads it.
        assertThatThrownBy(() -> action(w.org().interviewers().get(1), w.roundId(), p.get(0), "Gör något", w.interviewerId(), deadline))
                .isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'CREATE' and record_type = 'decision_action' and outcome = 'SUCCESS' and record_id = ?")
                .param(String.valueOf(added.id())).query(Integer.class).single()).isEqualTo(1);

        // The owner moves the status and writes notes; text, owner and deadline stay with the managers.
        var started = TestFixtures.as(w.interviewer(), () -> decisions.updateAction(added.id(),
                new Decisions.ActionChange(null, null, null, ActionStatus.IN_PROGRESS, added.version())));
        assertThat(started.status()).isEqualTo(ActionStatus.IN_PROGRESS);
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> decisions.updateAction(added.id(),
                new Decisions.ActionChange("Annan text", null, null, null, started.version()))))
                .isInstanceOf(InvalidInputException.class);
        var noted = TestFixtures.as(w.interviewer(), () -> decisions.addNote(added.id(), "Rutinen är skickad på remiss."));
        TestFixtures.as(w.manager(), () -> decisions.addNote(added.id(), "Tas upp på ledningsgruppen."));
        var read = TestFixtures.as(w.org().interviewers().get(2), () -> decisions.action(added.id()));
        assertThat(read.notes()).extracting(Action.Note::text, Action.Note::authorName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Rutinen är skickad på remiss.", "Ida Intervjuare"),
                org.assertj.core.groups.Tuple.tuple("Tas upp på ledningsgruppen.", "Erik Enhetschef"));
        assertThat(noted.notes()).hasSize(1);
        assertThatThrownBy(() -> TestFixtures.as(w.org().interviewers().get(2), () -> decisions.addNote(added.id(), "Hej")))
                .isInstanceOf(NotFoundException.class);

        // The page form keeps what was typed and marks the owner field.
        mvc.perform(post("/rounds/{id}/decisions/{p}/actions", w.roundId(), p.get(0)).with(user(w.manager()).roles("STAFF"))
                        .with(csrf()).param("text", "Utbilda personalen").param("ownerId", "").param("deadline", deadline.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"a" + p.get(0) + "-ownerId-error\"")))
                .andExpect(content().string(containsString("Utbilda personalen")));
        mvc.perform(post("/rounds/{id}/decisions/{p}/actions", w.roundId(), p.get(0)).with(user(w.manager()).roles("STAFF"))
                        .with(csrf()).param("text", "Utbilda personalen").param("ownerId", String.valueOf(w.org().managerId()))
                        .param("deadline", deadline.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(w.manager(), () -> decisions.forRound(w.roundId())).proposals().get(0).actions())
                .extracting(Action::text).containsExactly("Ny rutin för byte av handläggare", "Utbilda personalen");
    }

    @Test
    void overdueActionsComeFirstAndManagersSeeHowManyThereAre() throws Exception {
        var w = worlds.create();
        var proposal = w.proposals().get(0);
        decide(w.manager(), w.roundId(), proposal, Outcome.APPROVED, null, null);
        var later = action(w.manager(), w.roundId(), proposal, "Följ upp om ett år", w.org().managerId(), TODAY.plusYears(1));
        var late = action(w.manager(), w.roundId(), proposal, "Skriv ny rutin", w.interviewerId(), TODAY.minusDays(10));
        var doneLate = action(w.manager(), w.roundId(), proposal, "Informera nämnden", w.interviewerId(), TODAY.minusDays(20));
        TestFixtures.run(w.manager(), () -> decisions.updateAction(doneLate.id(),
                new Decisions.ActionChange(null, null, null, ActionStatus.DONE, doneLate.version())));

        var all = TestFixtures.as(w.manager(), () -> decisions.actions(Decisions.ActionFilter.all()));
        assertThat(all).extracting(Action::id).containsExactly(late.id(), doneLate.id(), later.id());
        assertThat(all).extracting(Action::overdue).containsExactly(true, false, false);
        assertThat(TestFixtures.as(w.manager(), () -> decisions.actions(new Decisions.ActionFilter(false, true, null))))
                .extracting(Action::id).containsExactly(late.id());
        assertThat(TestFixtures.as(w.interviewer(), () -> decisions.actions(new Decisions.ActionFilter(true, false, null))))
                .extracting(Action::id).containsExactly(late.id(), doneLate.id());
        assertThat(TestFixtures.as(w.manager(), () -> decisions.actions(new Decisions.ActionFilter(false, false, ActionStatus.DONE))))
                .extracting(Action::id).containsExactly(doneLate.id());
        assertThat(TestFixtures.as(w.manager(), decisions::overdueCount)).isEqualTo(1);
        assertThat(TestFixtures.as(w.lead(), decisions::overdueCount)).isEqualTo(1);
        assertThat(TestFixtures.as(w.interviewer(), decisions::overdueCount)).isZero();

        // The start page tells the manager; the interviewer's start page does not.
        mvc.perform(get("/").with(user(w.manager()).roles("STAFF")))
                .andExpect(content().string(containsString("En åtgärd är försenad.")));
        mvc.perform(get("/").with(user(w.interviewer()).roles("STAFF")))
                .andExpect(content().string(not(containsString("är försenad"))));
        mvc.perform(get("/actions").param("overdue", "true").with(user(w.manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Skriv ny rutin")))
                .andExpect(content().string(not(containsString("Följ upp om ett år"))));
        mvc.perform(get("/api/v1/actions").param("status", "later").with(user(w.manager()).roles("STAFF")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    @Test
    void aChangeMadeOnAnOutdatedCopyIsToldAndNotWritten() throws Exception {
        var w = worlds.create();
        var proposal = w.proposals().get(0);
        decide(w.manager(), w.roundId(), proposal, Outcome.APPROVED, null, null);
        var action = action(w.manager(), w.roundId(), proposal, "Skriv ny rutin", w.interviewerId(), TODAY.plusMonths(1));

        TestFixtures.run(w.lead(), () -> decisions.updateAction(action.id(), new Decisions.ActionChange(
                "Skriv ny rutin för byten", null, null, null, action.version())));
        assertThatThrownBy(() -> TestFixtures.run(w.manager(), () -> decisions.updateAction(action.id(),
                new Decisions.ActionChange("Något annat", null, null, ActionStatus.CANCELLED, action.version()))))
                .isInstanceOf(StaleChangeException.class);
        var now = TestFixtures.as(w.manager(), () -> decisions.action(action.id()));
        assertThat(now.text()).isEqualTo("Skriv ny rutin för byten");
        assertThat(now.status()).isEqualTo(ActionStatus.PLANNED);

        mvc.perform(put("/api/v1/actions/{id}", action.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"version\":" + action.version() + "}")
                        .with(user(w.manager()).roles("STAFF")).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        mvc.perform(post("/actions/{id}", action.id()).with(user(w.manager()).roles("STAFF")).with(csrf())
                        .param("text", "Mitt förslag på text").param("ownerId", String.valueOf(w.interviewerId()))
                        .param("deadline", TODAY.plusMonths(1).toString()).param("status", "DONE")
                        .param("version", String.valueOf(action.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Någon annan har ändrat åtgärden")))
                .andExpect(content().string(containsString("Mitt förslag på text")))
                .andExpect(content().string(containsString("Skriv ny rutin för byten")));
        mvc.perform(put("/api/v1/actions/{id}", action.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"version\":" + now.version() + "}")
                        .with(user(w.manager()).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DONE"));
    }

    @Test
    void theFollowUpFindsThePreviousRoundsActions() {
        var w = worlds.create();
        var previous = w.previousProposals();
        decide(w.manager(), w.previousRoundId(), previous.get(0), Outcome.APPROVED, null, null);
        decide(w.manager(), w.previousRoundId(), previous.get(1), Outcome.REJECTED, "Nej", null);
        var done = action(w.manager(), w.previousRoundId(), previous.get(0), "Ny rutin", w.interviewerId(), TODAY.minusMonths(6));
        TestFixtures.run(w.interviewer(), () -> decisions.updateAction(done.id(),
                new Decisions.ActionChange(null, null, null, ActionStatus.DONE, done.version())));
        var late = action(w.manager(), w.previousRoundId(), previous.get(0), "Utbildning", w.org().managerId(), TODAY.minusMonths(1));

        var items = TestFixtures.as(w.lead(), () -> followUp.previousRoundActions(w.roundId()));
        assertThat(items).extracting(FollowUp.Item::actionText).containsExactly("Ny rutin", "Utbildning");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.roundId()).isEqualTo(w.previousRoundId());
            assertThat(i.proposalText()).isEqualTo(DecisionWorld.PROPOSALS.get(0));
            assertThat(i.outcome()).isEqualTo(Outcome.APPROVED);
        });
        assertThat(items.get(0).status()).isEqualTo(ActionStatus.DONE);
        assertThat(items.get(0).ownerName()).isEqualTo("Ida Intervjuare");
        assertThat(items.get(1).overdue()).isTrue();
        assertThat(items.get(1).deadline()).isEqualTo(late.deadline());
        // Last year's round has no round before it.
        assertThat(TestFixtures.as(w.lead(), () -> followUp.previousRoundActions(w.previousRoundId()))).isEmpty();
        assertThat(TestFixtures.as(w.lead(), () -> followUp.previousRound(w.roundId()))).get()
                .satisfies(r -> assertThat(r.title()).isEqualTo(w.previousTitle()));
    }

    @Test
    void theFollowUpIsOnTheDecisionsPage() throws Exception {
        var w = worlds.create();
        decide(w.manager(), w.previousRoundId(), w.previousProposals().get(0), Outcome.APPROVED, null, null);
        action(w.manager(), w.previousRoundId(), w.previousProposals().get(0), "Ny rutin för byten", w.interviewerId(),
                TODAY.minusMonths(1));
        mvc.perform(get("/rounds/{id}/decisions", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(content().string(containsString("Uppföljning av förra årets åtgärder")))
                .andExpect(content().string(containsString(w.previousTitle())))
                .andExpect(content().string(containsString("Ny rutin för byten")));
        mvc.perform(get("/api/v1/rounds/{id}/follow-up", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].actionText").value("Ny rutin för byten"))
                .andExpect(jsonPath("$[0].overdue").value(true));
    }

    @Test
    void anotherUnitIsToldTheDecisionsAndActionsDoNotExist() throws Exception {
        var w = worlds.create();
        decide(w.manager(), w.roundId(), w.proposals().get(0), Outcome.APPROVED, null, null);
        var action = action(w.manager(), w.roundId(), w.proposals().get(0), "Ny rutin", w.interviewerId(), TODAY.minusDays(1));
        var outsider = fixtures.organisation();
        for (String who : List.of(outsider.manager(), outsider.processLead())) {
            assertThatThrownBy(() -> TestFixtures.as(who, () -> decisions.forRound(w.roundId()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> TestFixtures.as(who, () -> decisions.action(action.id()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> TestFixtures.as(who, () -> followUp.previousRoundActions(w.roundId())))
                    .isInstanceOf(NotFoundException.class);
            assertThat(TestFixtures.as(who, () -> decisions.actions(Decisions.ActionFilter.all()))).isEmpty();
            assertThat(TestFixtures.as(who, decisions::overdueCount)).isZero();
        }
        List<MockHttpServletRequestBuilder> requests = List.of(
                get("/rounds/{id}/decisions", w.roundId()),
                post("/rounds/{id}/decisions/{p}", w.roundId(), w.proposals().get(1)).param("outcome", "APPROVED")
                        .param("body", "COMMITTEE").param("decidedOn", TODAY.toString()),
                get("/actions/{id}", action.id()),
                post("/actions/{id}/notes", action.id()).param("note", "Hej"),
                get("/api/v1/rounds/{id}/decisions", w.roundId()),
                get("/api/v1/rounds/{id}/follow-up", w.roundId()),
                get("/api/v1/actions/{id}", action.id()),
                put("/api/v1/actions/{id}", action.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"DONE\",\"version\":0}"));
        for (var request : requests) {
            mvc.perform(request.with(user(outsider.manager()).roles("STAFF")).with(csrf())).andExpect(status().isNotFound());
        }
        assertThat(TestFixtures.as(w.manager(), () -> decisions.action(action.id())).status()).isEqualTo(ActionStatus.PLANNED);
    }

    @Test
    void theApiAnswersBadInputWithProblemDetailsNamingTheField() throws Exception {
        var w = worlds.create();
        var manager = user(w.manager()).roles("STAFF");
        var p = w.proposals();
        mvc.perform(post("/api/v1/rounds/{id}/decisions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":" + p.get(1) + ",\"outcome\":\"REJECTED\",\"body\":\"COMMITTEE\",\"decidedOn\":\"" + TODAY + "\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.detail").value(containsString("skälet")));
        mvc.perform(post("/api/v1/rounds/{id}/decisions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":999999999,\"outcome\":\"APPROVED\",\"body\":\"COMMITTEE\",\"decidedOn\":\"" + TODAY + "\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("proposalId"));
        // A proposal of last year's round is not one of this round's.
        mvc.perform(post("/api/v1/rounds/{id}/decisions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":" + w.previousProposals().get(0) + ",\"outcome\":\"APPROVED\",\"body\":\"COMMITTEE\",\"decidedOn\":\"" + TODAY + "\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("proposalId"));
        mvc.perform(post("/api/v1/rounds/{id}/decisions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":" + p.get(0) + ",\"outcome\":\"MAYBE\",\"body\":\"COMMITTEE\",\"decidedOn\":\"" + TODAY + "\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("outcome"));
        mvc.perform(post("/api/v1/rounds/{id}/decisions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .param("lang", "en")
                        .content("{\"proposalId\":" + p.get(0) + ",\"outcome\":\"APPROVED\",\"body\":\"COMMITTEE\",\"decidedOn\":\"" + TODAY + "\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("APPROVED"));

        var owner = w.interviewerId();
        mvc.perform(post("/api/v1/rounds/{id}/actions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .param("lang", "en")
                        .content("{\"proposalId\":" + p.get(0) + ",\"text\":\"Ny rutin\",\"ownerId\":" + owner + ",\"deadline\":\"31/12/2026\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("deadline"))
                .andExpect(jsonPath("$.detail").value(containsString("YYYY-MM-DD")));
        var stranger = fixtures.organisation();
        mvc.perform(post("/api/v1/rounds/{id}/actions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":" + p.get(0) + ",\"text\":\"Ny rutin\",\"ownerId\":" + stranger.managerId() + ",\"deadline\":\"2026-12-31\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ownerId"));
        mvc.perform(post("/api/v1/rounds/{id}/actions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":" + p.get(2) + ",\"text\":\"Ny rutin\",\"ownerId\":" + owner + ",\"deadline\":\"2026-12-31\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("proposalId"));
        mvc.perform(post("/api/v1/rounds/{id}/actions", w.roundId()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"proposalId\":" + p.get(0) + ",\"text\":\"Ny rutin\",\"ownerId\":" + owner + ",\"deadline\":\"2026-12-31\"}")
                        .with(manager).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ownerName").value("Ida Intervjuare"))
                .andExpect(jsonPath("$.status").value("PLANNED"));
        mvc.perform(get("/api/v1/rounds/{id}/decisions", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].current.outcome").value("APPROVED"))
                .andExpect(jsonPath("$[0].actions[0].text").value("Ny rutin"))
                .andExpect(jsonPath("$[1].current").doesNotExist());
    }
}
