/**
 * What every page shares: the layout and navigation, the demo banner, language switching
 * (Swedish first, English second), error pages and RFC 9457 problem details for the API, and the
 * one rule for a record a person may not see: it is answered exactly as a record that does not
 * exist ({@link se.delaktig.web.NotFoundException}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package se.delaktig.web;
