/**
 * Steps 9 and 10 of the cycle: what was decided about each of the seminar's proposals, and what the
 * unit then does. A proposal is approved (bifallet), rejected (avslaget) or postponed (bordlagt) by
 * the unit's management or the social committee; a decision can be changed, and every earlier
 * decision is kept as history. An approved proposal becomes one or more actions with an owner in the
 * unit, a deadline, a status and a log of notes. The next round's memo reports on the previous
 * round's actions through {@link se.delaktig.decision.FollowUp}.
 *
 * <p>Unit managers and process leads record decisions and actions; the unit's interviewers read them,
 * and the owner of an action may move its status and add notes. Another unit's decisions and actions
 * answer exactly as missing ones. The texts are the staff's words about the unit's work, so they are
 * kept as text (never with an identity number) and remain when a round's key is destroyed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Decision")
package se.delaktig.decision;
