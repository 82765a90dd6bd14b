package se.delaktig.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions live in PostgreSQL (spring-session-jdbc). Its default statements insert a session attribute
 * with a plain INSERT, so two requests of one new session that arrive together (two tabs opened at once
 * right after signing in) both try to insert the CSRF token and the second gets a duplicate-key error,
 * which the person sees as a failed page. Spring Session's PostgreSQL customizer writes attributes with
 * {@code INSERT ... ON CONFLICT DO UPDATE} instead, so the later write simply wins.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
