package se.delaktig.round;

import java.util.EnumMap;
import java.util.List;

/**
 * The consent rule: the child's own yes is always needed. Under the municipality's age of own
 * consent, every guardian who is to answer must consent as well; from that age the young person
 * decides alone and the guardians' answers do not count. A no from anyone whose answer counts is a
 * decline; a withdrawal by anyone ends the child's part in the round for good.
 */
final class ConsentRule {

    private ConsentRule() {
    }

    static ConsentState state(int age, int ownConsentAge, int guardians, List<ConsentEvent> history) {
        var latest = new EnumMap<ConsentParty, ChildAnswer>(ConsentParty.class);
        for (var event : history) {
            if (event.kind() == ConsentEvent.Kind.WITHDRAWAL) {
                return ConsentState.WITHDRAWN;
            }
            if (event.kind() == ConsentEvent.Kind.ANSWER) {
                latest.put(event.party(), event.answer());
            }
        }
        var needed = age >= ownConsentAge ? List.of(ConsentParty.CHILD) : ConsentParty.forGuardians(guardians);
        if (needed.stream().anyMatch(p -> latest.get(p) == ChildAnswer.NO)) {
            return ConsentState.DECLINED;
        }
        if (needed.stream().allMatch(p -> latest.get(p) == ChildAnswer.YES)) {
            return ConsentState.CONSENTED;
        }
        return latest.isEmpty() ? ConsentState.INVITED : ConsentState.ANSWERED;
    }

    /** The latest answer of each party, for the form and the old two-field view. */
    static EnumMap<ConsentParty, ChildAnswer> latestAnswers(List<ConsentEvent> history) {
        var latest = new EnumMap<ConsentParty, ChildAnswer>(ConsentParty.class);
        history.stream().filter(e -> e.kind() == ConsentEvent.Kind.ANSWER).forEach(e -> latest.put(e.party(), e.answer()));
        return latest;
    }
}
