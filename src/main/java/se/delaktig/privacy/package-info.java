/**
 * The privacy rules that are not negotiable. Owns the per-round data keys (Google Tink envelope
 * encryption: each round's keyset is wrapped by a master key kept outside the database), the
 * encryption of all free text and of the key list, the guard that keeps Swedish identity numbers out
 * of every free-text field, and crypto-shredding: destroying a round's key makes all of its raw text
 * unreadable everywhere, backups included.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package se.delaktig.privacy;
