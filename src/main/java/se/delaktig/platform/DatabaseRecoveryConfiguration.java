package se.delaktig.platform;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import tools.jackson.databind.json.JsonMapper;

/**
 * What keeps Delaktig answering while PostgreSQL is away and brings it back without a restart: the
 * availability flag with its probe, the 503 filter in front of the session filter, the readiness
 * indicator and, for the embedded database, the watchdog that restarts the server.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseRecoveryConfiguration {

    /** Exit code when the embedded database cannot be started again: a supervisor restarts the application. */
    static final int DATABASE_LOST_EXIT_CODE = 75;

    @Bean(destroyMethod = "close")
    DatabaseAvailability databaseAvailability(DataSource dataSource) {
        return new DatabaseAvailability(dataSource);
    }

    @Bean
    UnavailableAnswer unavailableAnswer(ITemplateEngine templates, MessageSource messages,
                                        ObjectProvider<LocaleResolver> locales, JsonMapper json) {
        return new UnavailableAnswer(templates, messages, locales, json);
    }

    /** Outside Spring Session's filter, which would read the session from the database first. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(DatabaseAvailability availability,
                                                                                UnavailableAnswer answer) {
        var registration = new FilterRegistrationBean<>(new DatabaseUnavailableFilter(availability, answer));
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource, DatabaseAvailability availability,
                                                    DatabaseMode mode) {
        return new DatabaseHealthIndicator(dataSource, availability, mode);
    }

    @Bean
    @Conditional(DatabaseConfiguration.EmbeddedWanted.class)
    EmbeddedDatabaseWatchdog embeddedDatabaseWatchdog(EmbeddedDatabase database, DataSource dataSource,
                                                      DatabaseAvailability availability,
                                                      ConfigurableApplicationContext context) {
        return new EmbeddedDatabaseWatchdog(database, new EmbeddedDatabaseWatchdog.Listener() {
            @Override
            public void died(long pid) {
                availability.markAway("the embedded PostgreSQL (pid " + pid + ") stopped");
                // A suspended pool stops trying to connect (with a growing backoff, up to 5 s) to a server that is
                // not there; the filter turns requests away meanwhile. Connections to the dead server go.
                pool().ifPresent(pool -> {
                    pool.suspendPool();
                    pool.softEvictConnections();
                });
            }

            @Override
            public void restarted(Duration downtime, int attempts) {
                pool().ifPresent(pool -> {
                    pool.softEvictConnections();
                    pool.resumePool();
                });
                availability.probeNow();
            }

            private java.util.Optional<com.zaxxer.hikari.HikariPoolMXBean> pool() {
                return dataSource instanceof HikariDataSource hikari && hikari.isAllowPoolSuspension()
                        ? java.util.Optional.ofNullable(hikari.getHikariPoolMXBean()) : java.util.Optional.empty();
            }

            @Override
            public void gaveUp(Exception lastFailure, int attempts) {
                AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
                var exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> DATABASE_LOST_EXIT_CODE)),
                        "exit-after-database-loss");
                exit.start();
            }
        });
    }
}
