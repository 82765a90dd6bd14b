package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.Counts;
import se.delaktig.audit.AuditLog;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ConsentParty;
import se.delaktig.round.ConsentStatus;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;

/**
 * A guardian's no after the child's interview is in effect a withdrawal. Recorded as a plain answer,
 * it is refused – on the page with a field error, in the API with a 400 problem – with a message that
 * points to the withdrawal; the withdrawal then takes the answers out of the round and is audited.
 * Counts and memo agree on how many children took part at every step.
 */
@IntegrationTest
class ConsentAfterInterviewIT {

    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Interviews interviews;
    @Autowired Counts counts;
    @Autowired MemoPrefill memo;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    TestFixtures.Org org;
    Round round;
    long yesNo;

    @BeforeEach
    void roundWithTwoInterviews() {
        org = fixtures.organisation();
        round = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), fixtures.smallGuide(),
                new RoundService.Plan("Omgång " + org.suffix(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), 8, null)));
        yesNo = jdbc.sql("""
                select q.id from guide_question q join guide_area a on a.id = q.area_id join round r on r.guide_id = a.guide_id
                where r.id = ? and q.type = 'YES_NO_DONT_KNOW'""").param(round.id()).query(Long.class).single();
    }

    private long consentingChild(int interviewer) {
        return TestFixtures.as(org.processLead(), () -> {
            var p = participants.add(round.id(), new ParticipantService.NewParticipant(11, Gender.GIRL, "sv", se.delaktig.round.ContactType.INVESTIGATION, "Saga",
                    null, List.of(), List.of(), 2));
            participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.assign(p.id(), org.interviewerIds().get(interviewer));
            return p.id();
        });
    }

    private void interviewed(long participantId, int interviewer) {
        TestFixtures.run(org.interviewers().get(interviewer), () -> {
            var opened = interviews.open(participantId);
            var saved = interviews.save(opened.id(), opened.version(), List.of(new AnswerInput(yesNo, "YES", null, null)), null);
            interviews.complete(saved.id(), saved.version());
        });
    }

    /** Counts and memo say the same about how many children took part: consenting and interviewed. */
    private void countsAndMemoAgree(int expected) {
        var interviewed = TestFixtures.as(org.processLead(), () -> counts.forRound(round.id())).completedInterviews();
        var consenting = TestFixtures.as(org.processLead(), () -> participants.of(round.id())).stream()
                .filter(p -> p.consent() == ConsentStatus.CONSENTED).count();
        var text = TestFixtures.as(org.processLead(), () -> memo.content(rounds.get(round.id()))).sections().values()
                .stream().reduce("", String::concat);
        var word = se.delaktig.analysis.NumberWords.of(expected, CommitteeMemos.SWEDISH);
        assertThat(interviewed).isEqualTo(expected);
        assertThat(consenting).isEqualTo(expected);
        assertThat(text).contains("Av dem samtyckte " + word + " och")
                .contains("Enheten har genomfört och avslutat " + word + " intervjuer")
                .contains(word + " intervjuer genomfördes och ingår i resultatet");
    }

    @Test
    void aGuardiansNoAfterTheInterviewIsRefusedAndPointsToTheWithdrawal() throws Exception {
        var first = consentingChild(0);
        var second = consentingChild(1);
        TestFixtures.run(org.processLead(), () -> {
            rounds.advance(round.id());
            rounds.advance(round.id());
            rounds.advance(round.id());
        });
        interviewed(first, 0);
        interviewed(second, 1);
        var pseudonym = TestFixtures.as(org.processLead(), () -> participants.get(first)).pseudonym();
        countsAndMemoAgree(2);

        // The service refuses, naming the guardian's field.
        var refused = catchThrowableOfType(InvalidInputException.class, () -> TestFixtures.run(org.processLead(),
                () -> participants.recordAnswer(first, ConsentParty.GUARDIAN_1, ChildAnswer.NO, "Ångrade sig")));
        assertThat(refused.field()).isEqualTo("guardian1");
        assertThat(refused.messageKey()).isEqualTo("consent.afterInterview.useWithdrawal");

        // The page: the consent form comes back with a Swedish field error that points to the withdrawal.
        mvc.perform(post("/participants/{id}/consent", first).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("child", "YES").param("guardian1", "NO").param("guardian2", "YES"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(pseudonym + " har redan intervjuats.")))
                .andExpect(content().string(containsString("registrera det under ”Återkalla samtycket”")));

        // The API: a 400 problem detail naming the field, in both of its consent routes.
        mvc.perform(post("/api/v1/participants/{id}/consent-answers", first).with(user(org.processLead()).roles("STAFF"))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"party\":\"GUARDIAN_2\",\"answer\":\"NO\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("guardian2"))
                .andExpect(jsonPath("$.detail").value(containsString("Återkalla samtycket")));
        mvc.perform(put("/api/v1/participants/{id}/consent", first)
                        .with(user(org.processLead()).roles("STAFF")).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"childAnswer\":\"YES\",\"guardianAnswer\":\"DECLINED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        // Nothing was recorded: the child still consents and counts and memo still agree.
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(first)).consent()).isEqualTo(ConsentStatus.CONSENTED);
        countsAndMemoAgree(2);

        var interviewId = jdbc.sql("select id from interview where participant_id = ?").param(first).query(Long.class).single();
        // The withdrawal the message points to: the answers leave the round, audited; counts and memo follow.
        mvc.perform(post("/participants/{id}/withdrawal", first).with(user(org.processLead()).roles("STAFF")).with(csrf())
                        .param("withdrawalParty", "GUARDIAN_1").param("withdrawalReason", "Vårdnadshavaren ångrade sig"))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(org.processLead(), () -> participants.get(first)).consent()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(audit.find(new AuditLog.Filter(null, "participant", String.valueOf(first), null, null), 50))
                .extracting(AuditLog.Entry::action).contains("WITHDRAW_CONSENT");
        assertThat(audit.find(new AuditLog.Filter(null, "interview", String.valueOf(interviewId), null, null), 50))
                .extracting(AuditLog.Entry::action).contains("WITHDRAW_ANSWERS");
        countsAndMemoAgree(1);
    }

    @Test
    void aNoBeforeAnyInterviewIsStillAPlainDecline() {
        var child = consentingChild(0);
        var state = TestFixtures.as(org.processLead(),
                () -> participants.recordAnswer(child, ConsentParty.GUARDIAN_1, ChildAnswer.NO, null));
        assertThat(state.status()).isEqualTo(ConsentStatus.DECLINED);
    }

    @Test
    void anOpenedDraftCountsAsBegunTheWithdrawalRemovesIt() {
        var child = consentingChild(0);
        TestFixtures.run(org.processLead(), () -> {
            rounds.advance(round.id());
            rounds.advance(round.id());
            rounds.advance(round.id());
        });
        TestFixtures.run(org.interviewers().get(0), () -> interviews.open(child));
        var refused = catchThrowableOfType(InvalidInputException.class, () -> TestFixtures.run(org.processLead(),
                () -> participants.recordAnswer(child, ConsentParty.CHILD, ChildAnswer.NO, null)));
        assertThat(refused.field()).isEqualTo("child");
        TestFixtures.run(org.processLead(), () -> participants.withdraw(child, ConsentParty.CHILD, null));
        assertThat(jdbc.sql("select count(*) from interview where participant_id = ?").param(child).query(Integer.class).single()).isZero();
    }
}
