package se.delaktig.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import se.delaktig.organization.Organization;
import se.delaktig.organization.PasswordRule;

/**
 * Creates the first administrator from {@code DELAKTIG_BOOTSTRAP_ADMIN_USERNAME} and
 * {@code DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD}, so a production install needs no database access to
 * get started. An existing account of that name is left untouched.
 */
@Component
@Order(0)
class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final Organization organization;
    private final String username;
    private final String password;

    BootstrapAdministrator(Organization organization,
                           @Value("${DELAKTIG_BOOTSTRAP_ADMIN_USERNAME:}") String username,
                           @Value("${DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD:}") String password) {
        this.organization = organization;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!StringUtils.hasText(username) || !StringUtils.hasText(password)) {
            return;
        }
        if (organization.staffByUsername(username).isPresent()) {
            return;
        }
        if (!PasswordRule.accepts(password)) {
            log.error("DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD must be at least {} characters; no administrator was created",
                    PasswordRule.MIN_LENGTH);
            return;
        }
        organization.createStaff(username, "Administratör", "Administratör", null, password, true);
        log.info("Created the administrator '{}' from DELAKTIG_BOOTSTRAP_ADMIN_USERNAME", username);
    }
}
