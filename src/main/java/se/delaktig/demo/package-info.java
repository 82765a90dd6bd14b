/**
 * The demo: with the embedded database, when it is empty and {@code delaktig.demo} is not false,
 * Delaktig seeds an invented municipality with a finished round (ten children asked, two declined,
 * eight interviewed by six social workers), a round in planning, and a neighbouring municipality
 * that cannot see any of it. It is never seeded into an external database. The demo goes through
 * the same services as a person would, so it obeys every rule they do (pseudonyms, encryption,
 * audit, the case-worker conflict).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package se.delaktig.demo;
