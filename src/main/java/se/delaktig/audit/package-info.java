/**
 * The append-only access log: every read and write of child data and every login attempt, with
 * who, when, which record, what action and the outcome. The application's database role may only read
 * and append to it, and a trigger refuses changes and deletions, so not even a bug in Delaktig can
 * rewrite history. An entry is written in the transaction of the work it records; refusals outlive a
 * rollback. Within about a second every row is sealed into a hash chain with the one before it, so a
 * row changed behind the application's back (by a database superuser) is found by the chain check. The
 * review page lets the administrator and process leads follow up the log; the chain check is the
 * administrator's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package se.delaktig.audit;
