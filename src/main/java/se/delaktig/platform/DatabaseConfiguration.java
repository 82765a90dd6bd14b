package se.delaktig.platform;

import java.io.IOException;
import java.util.HashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Chooses the database. An explicit {@code spring.datasource.url} always wins, so production never
 * silently falls back to a local database; without one, an embedded PostgreSQL 17 is started with
 * its files in the data directory, so that data survives a restart. Either way two roles are used: the
 * migration owner runs Flyway ({@code spring.flyway.user} for an external server), the application
 * runs as a role that may only read and append to the audit log.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    static boolean externalConfigured(Environment env) {
        return StringUtils.hasText(env.getProperty("spring.datasource.url"));
    }

    static class EmbeddedWanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !externalConfigured(context.getEnvironment());
        }
    }

    static class ExternalWanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return externalConfigured(context.getEnvironment());
        }
    }

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedWanted.class)
    EmbeddedDatabase embeddedDatabase(DelaktigProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties.dataDir(), properties.ephemeral());
    }

    /** The application connects as the runtime role, which may not change the schema or the audit log. */
    @Bean(destroyMethod = "close")
    @Primary
    @Conditional(EmbeddedWanted.class)
    DataSource dataSource(EmbeddedDatabase database, Environment env) {
        var config = new HikariConfig();
        config.setMaximumPoolSize(10);
        // The same pool settings as for an external server (fail fast, validation, driver timeouts).
        Binder.get(env).bind("spring.datasource.hikari", Bindable.ofInstance(config));
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(EmbeddedDatabase.RUNTIME);
        config.setPassword(database.runtimePassword());
        config.setPoolName("delaktig-embedded");
        // The watchdog suspends the pool while it restarts the server (see DatabaseRecoveryConfiguration).
        config.setAllowPoolSuspension(true);
        log.info("Database in use: embedded PostgreSQL on port {} (database '{}', role '{}')", database.port(),
                EmbeddedDatabase.DATABASE, EmbeddedDatabase.RUNTIME);
        return new HikariDataSource(config);
    }

    /** Flyway alone connects as the migration owner; no other bean sees this data source. */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    @Conditional(EmbeddedWanted.class)
    DataSource flywayDataSource(EmbeddedDatabase database) {
        return database.ownerDataSource();
    }

    @Bean
    @Conditional(EmbeddedWanted.class)
    DatabaseMode embeddedMode(EmbeddedDatabase database) {
        return new DatabaseMode(true, "embedded PostgreSQL on port " + database.port());
    }

    /**
     * Tells the migrations which role the application runs as (placeholder {@code runtime_role}), so that
     * they grant it what it needs and no more. Asked of the application's own connection, so it is right
     * for the embedded database and for any external set-up alike.
     */
    @Bean
    FlywayConfigurationCustomizer runtimeRolePlaceholder(DataSource dataSource) {
        return configuration -> {
            var placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put("runtime_role", JdbcClient.create(dataSource).sql("select current_user").query(String.class).single());
            configuration.placeholders(placeholders);
        };
    }

    @Bean
    @Conditional(ExternalWanted.class)
    DatabaseMode externalMode(Environment env) {
        var url = env.getProperty("spring.datasource.url");
        log.info("Database in use: external PostgreSQL at {}", url);
        return new DatabaseMode(false, "external PostgreSQL at " + url);
    }
}
