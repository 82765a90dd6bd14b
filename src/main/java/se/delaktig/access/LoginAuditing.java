package se.delaktig.access;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;

/** Every login attempt goes into the audit log and feeds the throttle. */
@Component
class LoginAuditing {

    private final AuditLog audit;
    private final Organization organization;

    LoginAuditing(AuditLog audit, Organization organization) {
        this.audit = audit;
        this.organization = organization;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        var name = event.getAuthentication().getName();
        organization.recordSuccessfulLogin(name);
        audit.record(name, "LOGIN", "staff", name, null, AuditLog.Outcome.SUCCESS, null);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        var name = String.valueOf(event.getAuthentication().getName());
        if (event instanceof AuthenticationFailureLockedEvent) {
            audit.record(name, "LOGIN", "staff", name, null, AuditLog.Outcome.DENIED, "account temporarily locked");
            return;
        }
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            var lockedUntil = organization.recordFailedLogin(name);
            audit.record(name, "LOGIN", "staff", name, null, AuditLog.Outcome.FAILURE,
                    lockedUntil.map(t -> "wrong username or password; locked until " + t).orElse("wrong username or password"));
            return;
        }
        audit.record(name, "LOGIN", "staff", name, null, AuditLog.Outcome.FAILURE, event.getException().getClass().getSimpleName());
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        var name = event.getAuthentication().getName();
        audit.record(name, "LOGOUT", "staff", name, null, AuditLog.Outcome.SUCCESS, null);
    }
}
