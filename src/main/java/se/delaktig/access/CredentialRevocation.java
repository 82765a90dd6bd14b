package se.delaktig.access;

import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.StaffCredentialsChanged;

/**
 * When a password changes or an account is disabled, whatever someone may have copied stops working:
 * every API token of the person is revoked and every session of theirs is deleted from the session
 * table. Only the session that changed its own password survives, with a new id (see
 * {@code ProfileController}), so the person stays signed in where they are.
 */
@Component
class CredentialRevocation {

    private final ApiTokens tokens;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final AuditLog audit;

    CredentialRevocation(ApiTokens tokens, FindByIndexNameSessionRepository<? extends Session> sessions, AuditLog audit) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
    }

    @EventListener
    void on(StaffCredentialsChanged event) {
        var revoked = tokens.revokeAll(event.staffId());
        var keep = StaffCredentialsChanged.PASSWORD_CHANGED.equals(event.reason()) ? currentSessionId() : null;
        var ended = 0;
        for (var id : sessions.findByPrincipalName(event.username()).keySet()) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        audit.record("system", "REVOKE_CREDENTIALS", "staff", event.username(), null, AuditLog.Outcome.SUCCESS,
                event.reason() + ": " + revoked + " API tokens revoked, " + ended + " sessions ended");
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
