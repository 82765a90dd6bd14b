/**
 * Runtime foundations that every other module stands on: where Delaktig keeps its files (the data
 * directory) and which PostgreSQL it talks to. Without a configured datasource, an embedded
 * PostgreSQL is started in the data directory so that a laptop demo needs no set-up; with
 * {@code spring.datasource.*} an external server is used instead.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package se.delaktig.platform;
