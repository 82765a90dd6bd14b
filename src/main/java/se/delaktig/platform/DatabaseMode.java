package se.delaktig.platform;

/**
 * Which PostgreSQL this instance uses. Decides, among other things, whether the demo may be seeded:
 * never into an external database.
 */
public record DatabaseMode(boolean embedded, String description) {
}
