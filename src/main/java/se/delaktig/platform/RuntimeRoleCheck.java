package se.delaktig.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns when the application's database role could rewrite the audit log: a superuser, or the owner of
 * the table (an external database set up with a single role). The embedded database never is.
 */
@Component
class RuntimeRoleCheck {

    private static final Logger log = LoggerFactory.getLogger(RuntimeRoleCheck.class);

    private final JdbcClient jdbc;

    RuntimeRoleCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfTheAuditLogIsExposed() {
        var exposed = jdbc.sql("""
                select r.rolname from pg_roles r
                where r.rolname = current_user
                  and (r.rolsuper or pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_event'::regclass), 'USAGE'))
                """).query(String.class).optional();
        exposed.ifPresent(role -> log.warn("The application connects to the database as '{}', a superuser or the owner of "
                + "the audit log, and could therefore rewrite the log. Give the schema its own migration owner "
                + "(SPRING_FLYWAY_USER) and connect as a role without those rights; see the README.", role));
    }
}
