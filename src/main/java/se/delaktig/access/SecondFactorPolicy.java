package se.delaktig.access;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

/**
 * Who must give a second factor after the password. {@code delaktig.login.second-factor}:
 * <ul>
 *   <li>{@code required} (the default of a real installation): everyone who can read a key list
 *       (process leads, interviewers) must use it, and is led to set it up before anything else;</li>
 *   <li>{@code optional} (the default of the demo, {@code delaktig.demo} with the embedded database):
 *       only those who have set it up are asked for it.</li>
 * </ul>
 * Whoever has set it up is always asked. When sign-in through the municipality's identity provider
 * arrives, its own multi-factor login is expected to make this setting {@code optional} for those
 * accounts.
 */
@Component
public class SecondFactorPolicy {

    public enum Mode { REQUIRED, OPTIONAL }

    /** What the person must do after a correct password. */
    public enum Step { NONE, VERIFY, ENROL }

    private final Organization organization;
    private final SecondFactors secondFactors;
    private final Mode configured;
    private volatile Mode mode;

    SecondFactorPolicy(Organization organization, SecondFactors secondFactors, DatabaseMode database,
                       DelaktigProperties properties, @Value("${delaktig.login.second-factor:}") String setting) {
        this.organization = organization;
        this.secondFactors = secondFactors;
        this.configured = setting == null || setting.isBlank()
                ? (database.embedded() && properties.demo() ? Mode.OPTIONAL : Mode.REQUIRED)
                : Mode.valueOf(setting.trim().toUpperCase(Locale.ROOT));
        this.mode = configured;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Switches the mode for this running application until {@link #reset()}: the integration tests
     * share one application in demo mode and use this to check a real installation's rules.
     */
    public void use(Mode mode) {
        this.mode = mode;
    }

    /** Back to the configured mode. */
    public void reset() {
        this.mode = configured;
    }

    /** Whether the role set of the person makes the second factor compulsory. */
    public boolean requiredFor(long staffId) {
        return mode == Mode.REQUIRED && organization.rolesByUnit(staffId).values().stream()
                .anyMatch(roles -> roles.stream().anyMatch(Role::readsKeyList));
    }

    public Step afterPassword(long staffId) {
        if (secondFactors.enrolled(staffId)) {
            return Step.VERIFY;
        }
        return requiredFor(staffId) ? Step.ENROL : Step.NONE;
    }
}
