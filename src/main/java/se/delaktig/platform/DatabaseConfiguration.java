package se.delaktig.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * Chooses the database. An explicit {@code spring.datasource.url} always wins, so production never
 * silently falls back to a local database; without one, an embedded PostgreSQL 17 is started with
 * its files in the data directory, so that data survives a restart.
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
    EmbeddedPostgres embeddedPostgres(DelaktigProperties properties) throws IOException {
        Path dir = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        if (properties.ephemeral()) {
            FileSystemUtils.deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        log.info("Starting embedded PostgreSQL with its files in {}", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(properties.ephemeral())
                .setServerConfig("timezone", "UTC")
                .start();
    }

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedWanted.class)
    DataSource dataSource(EmbeddedPostgres postgres) throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = 'delaktig'").next();
            if (!exists) {
                statement.execute("create database delaktig encoding 'UTF8'");
            }
        }
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "delaktig"));
        config.setPoolName("delaktig-embedded");
        config.setMaximumPoolSize(10);
        log.info("Database in use: embedded PostgreSQL on port {} (database 'delaktig')", postgres.getPort());
        return new HikariDataSource(config);
    }

    @Bean
    @Conditional(EmbeddedWanted.class)
    DatabaseMode embeddedMode(EmbeddedPostgres postgres) {
        return new DatabaseMode(true, "embedded PostgreSQL on port " + postgres.getPort());
    }

    @Bean
    @Conditional(ExternalWanted.class)
    DatabaseMode externalMode(Environment env) {
        var url = env.getProperty("spring.datasource.url");
        log.info("Database in use: external PostgreSQL at {}", url);
        return new DatabaseMode(false, "external PostgreSQL at " + url);
    }
}
