/**
 * Runtime foundations that every other module stands on: where Delaktig keeps its files (the data
 * directory) and which PostgreSQL it talks to. Without a configured datasource, an embedded
 * PostgreSQL is started in the data directory so that a laptop demo needs no set-up, locked down with
 * generated passwords; with {@code spring.datasource.*} an external server is used instead. Either way
 * the application runs as a role that cannot change the schema, and a migration owner runs Flyway.
 * The embedded server writes durably, cleans up after a killed predecessor and is restarted by a
 * watchdog when it dies; while any database is away, requests get a quick 503 and readiness says
 * DOWN, and the application recovers by itself when it answers again.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package se.delaktig.platform;
