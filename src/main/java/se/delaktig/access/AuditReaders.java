package se.delaktig.access;

import org.springframework.stereotype.Component;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Role;

/**
 * Administrators review the whole audit log; a process lead reviews the entries of the units they
 * lead and those by or about themselves. Roles are read fresh, so a revoked lead loses the view at once.
 */
@Component
class AuditReaders implements AuditLog.Readers {

    private final CurrentActor currentActor;

    AuditReaders(CurrentActor currentActor) {
        this.currentActor = currentActor;
    }

    @Override
    public AuditLog.Scope currentScope() {
        var actor = currentActor.get();
        if (actor.administrator()) {
            return AuditLog.Scope.all();
        }
        return AuditLog.Scope.restricted(actor.username(), actor.unitsWith(Role.PROCESS_LEAD));
    }
}
