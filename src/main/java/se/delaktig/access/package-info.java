/**
 * Who is asking, and what they may reach. Owns login (local accounts with a login form, throttling
 * and temporary locking after repeated failures), sessions, personal API tokens for the JSON API,
 * the security headers, and the tenant rule: staff reach only the units they belong to, and a
 * record of another unit is answered exactly like one that does not exist.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package se.delaktig.access;
