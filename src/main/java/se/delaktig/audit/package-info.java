/**
 * The append-only access log: every read and write of child data and every login attempt, with
 * who, when, which record, what action and the outcome. The database itself refuses to change or
 * delete a row (a trigger), so not even a bug in Delaktig can rewrite history. The review page lets
 * the administrator and process leads follow up the log.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package se.delaktig.audit;
