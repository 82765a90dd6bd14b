package se.delaktig.platform;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The database for the readiness probe ({@code /actuator/health/readiness}): DOWN at once while it is
 * known to be away, otherwise a connection from the application's own pool that answers. Replaces
 * Boot's {@code db} indicator, which would wait for the pool's connection timeout on every probe.
 * The details (shown only to administrators) say which database and since when it is away.
 */
final class DatabaseHealthIndicator implements HealthIndicator {

    private final DataSource dataSource;
    private final DatabaseAvailability availability;
    private final DatabaseMode mode;

    DatabaseHealthIndicator(DataSource dataSource, DatabaseAvailability availability, DatabaseMode mode) {
        this.dataSource = dataSource;
        this.availability = availability;
        this.mode = mode;
    }

    @Override
    public Health health() {
        var outage = availability.outage();
        if (outage != null) {
            return Health.down().withDetail("database", mode.description())
                    .withDetail("unavailableSince", outage.since().toString()).withDetail("reason", outage.reason()).build();
        }
        try (var connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                return Health.up().withDetail("database", mode.description()).build();
            }
            return Health.down().withDetail("database", mode.description()).withDetail("reason", "no answer within 2 s").build();
        } catch (SQLException | RuntimeException e) {
            availability.notice(e);
            return Health.down().withDetail("database", mode.description())
                    .withDetail("reason", e.getClass().getSimpleName()).build();
        }
    }
}
