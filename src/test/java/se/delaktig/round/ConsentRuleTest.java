package se.delaktig.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsentRuleTest {

    private final List<ConsentEvent> history = new ArrayList<>(List.of(event(ConsentEvent.Kind.INVITED, null, null)));

    private static ConsentEvent event(ConsentEvent.Kind kind, ConsentParty party, ChildAnswer answer) {
        return new ConsentEvent(0, 1, kind, party, answer, null, "pl", Instant.EPOCH);
    }

    private ConsentRuleTest answer(ConsentParty party, ChildAnswer answer) {
        history.add(event(ConsentEvent.Kind.ANSWER, party, answer));
        return this;
    }

    @Test
    void theLatestAnswerOfEachPartyCounts() {
        answer(ConsentParty.CHILD, ChildAnswer.NO).answer(ConsentParty.CHILD, ChildAnswer.YES);
        assertThat(ConsentRule.state(16, 15, 2, history)).isEqualTo(ConsentState.CONSENTED);
        assertThat(ConsentRule.state(14, 15, 2, history)).isEqualTo(ConsentState.ANSWERED);
    }

    @Test
    void aWithdrawalIsFinal() {
        answer(ConsentParty.CHILD, ChildAnswer.YES);
        history.add(event(ConsentEvent.Kind.WITHDRAWAL, ConsentParty.GUARDIAN_1, null));
        answer(ConsentParty.CHILD, ChildAnswer.YES);
        assertThat(ConsentRule.state(16, 15, 2, history)).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(ConsentState.WITHDRAWN.status()).isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void nobodyHasAnsweredYet() {
        assertThat(ConsentRule.state(8, 15, 1, history)).isEqualTo(ConsentState.INVITED);
    }
}
