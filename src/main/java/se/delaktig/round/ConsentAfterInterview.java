package se.delaktig.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import se.delaktig.web.InvalidInputException;

/**
 * Once the child's interview has begun, an answer that ends the consent (a guardian's or the child's
 * no that counts under the rule) is in effect a withdrawal. Recorded as a mere answer it would leave
 * the interview in the counts while the child no longer counts as consenting, and the counts and the
 * memo would disagree about how many children took part. Such an answer is refused with a message
 * that points to the withdrawal, which removes the child's answers from the round and is audited.
 */
@Component
class ConsentAfterInterview {

    private final InterviewedChildren interviewed;

    ConsentAfterInterview(InterviewedChildren interviewed) {
        this.interviewed = interviewed;
    }

    /** Throws when the changed answers would end a consent whose interview has begun. */
    void refuseEndingConsent(Participant participant, int ownConsentAge, List<ConsentEvent> history,
                             Map<ConsentParty, ChildAnswer> changed) {
        if (changed.isEmpty() || participant.consentState() != ConsentState.CONSENTED) {
            return;
        }
        var after = new ArrayList<>(history);
        changed.forEach((party, answer) -> after.add(new ConsentEvent(0, participant.id(), ConsentEvent.Kind.ANSWER,
                party, answer, null, null, null)));
        var state = ConsentRule.state(participant.age(), ownConsentAge, participant.guardians(), after);
        if (state == ConsentState.CONSENTED || !interviewed.hasInterview(participant.id())) {
            return;
        }
        var party = changed.entrySet().stream().filter(e -> e.getValue() == ChildAnswer.NO).map(Map.Entry::getKey)
                .findFirst().orElse(changed.keySet().iterator().next());
        throw new InvalidInputException(ParticipantService.field(party), "consent.afterInterview.useWithdrawal",
                participant.pseudonym());
    }
}
