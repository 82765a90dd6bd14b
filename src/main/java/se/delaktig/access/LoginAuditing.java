package se.delaktig.access;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;

/**
 * Every login attempt goes into the audit log: successes and logouts here, failures (with their real
 * reason, which the person at the form never sees) in {@link ThrottledLoginProvider}, second-factor
 * steps in {@link SecondFactorLogin}.
 */
@Component
class LoginAuditing {

    private final AuditLog audit;
    private final Organization organization;
    private final SecondFactorPolicy policy;

    LoginAuditing(AuditLog audit, Organization organization, SecondFactorPolicy policy) {
        this.audit = audit;
        this.organization = organization;
        this.policy = policy;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        var name = event.getAuthentication().getName();
        var step = organization.staffByUsername(name).map(s -> policy.afterPassword(s.id())).orElse(SecondFactorPolicy.Step.NONE);
        audit.record(name, "LOGIN", "staff", name, null, AuditLog.Outcome.SUCCESS,
                step == SecondFactorPolicy.Step.NONE ? null : "password accepted; second factor next (" + step + ")");
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        var name = event.getAuthentication().getName();
        audit.record(name, "LOGOUT", "staff", name, null, AuditLog.Outcome.SUCCESS, null);
    }
}
