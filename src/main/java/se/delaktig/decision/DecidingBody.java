package se.delaktig.decision;

/** Who took a decision: the unit's management (enhetens ledning) or the social committee (nämnden). */
public enum DecidingBody {
    UNIT_MANAGEMENT, COMMITTEE;

    public String messageKey() {
        return "decision.body." + name();
    }
}
