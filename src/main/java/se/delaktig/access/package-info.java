/**
 * Who is asking, and what they may reach. Owns login (local accounts with a login form that answers
 * an unknown user, a wrong password, a disabled account and a throttled attempt alike; throttling per
 * username and per client address with a delay that always runs out; a TOTP second factor with
 * recovery codes, required of everyone who can read a key list unless configured otherwise),
 * sessions (ended when the password changes or the account is disabled), personal API tokens for
 * the JSON API (expiring, read or write, never made with a token), the security headers, and the
 * tenant rule: staff reach only the units they belong to, and a record of another unit is answered
 * exactly like one that does not exist.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package se.delaktig.access;
