/**
 * The privacy rules that are not negotiable. Owns the per-round data keys (Google Tink envelope
 * encryption) and the key store they live in, never PostgreSQL: files wrapped by a master key kept
 * outside the database, or a PKCS#11 hardware security module; the
 * encryption of all free text and of the key list, the guard that keeps Swedish identity numbers out
 * of every free-text field, and crypto-shredding: destroying a round's key makes all of its raw text
 * unreadable everywhere, backups included.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package se.delaktig.privacy;
