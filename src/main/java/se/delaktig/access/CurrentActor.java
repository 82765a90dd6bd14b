package se.delaktig.access;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.web.NotFoundException;

/**
 * The tenant rule in one place. Roles are read from the database on each request rather than kept
 * in the session, so a revoked role takes effect at once.
 */
@Service
public class CurrentActor {

    private static final String CACHE = CurrentActor.class.getName();

    private final Organization organization;

    CurrentActor(Organization organization) {
        this.organization = organization;
    }

    public Optional<Actor> find() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getAuthorities().stream().noneMatch(a -> "ROLE_STAFF".equals(a.getAuthority()))) {
            // Also a login that still owes its second factor: it is nobody yet.
            return Optional.empty();
        }
        var attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && attributes.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST) instanceof Actor cached
                && cached.username().equals(auth.getName())) {
            return Optional.of(cached);
        }
        var actor = organization.staffByUsername(auth.getName())
                .filter(s -> s.enabled())
                .map(s -> new Actor(s.id(), s.username(), s.displayName(), s.administrator(), organization.rolesByUnit(s.id())));
        if (attributes != null) {
            actor.ifPresent(a -> attributes.setAttribute(CACHE, a, RequestAttributes.SCOPE_REQUEST));
        }
        return actor;
    }

    /** The signed-in actor; anonymous requests never reach the pages that call this. */
    public Actor get() {
        return find().orElseThrow(NotFoundException::new);
    }

    /** Throws a 404 unless the actor holds one of the roles in the unit. */
    public Actor requireAny(long unitId, Role... roles) {
        var actor = get();
        if (!actor.hasAny(unitId, roles)) {
            throw new NotFoundException();
        }
        return actor;
    }
}
