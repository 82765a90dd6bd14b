package se.delaktig.access.web;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import se.delaktig.access.SessionKeepAlive;

/** What fragments/session.html hands to session.js: the keep-alive settings and whose page it is. */
@ControllerAdvice(annotations = Controller.class)
class SessionGuardAdvice {

    /** @param user the username the page belongs to: only this person may resume after signing in again */
    record SessionGuard(long pingMillis, long windowMillis, String user) {
    }

    private final SessionKeepAlive keepAlive;

    SessionGuardAdvice(SessionKeepAlive keepAlive) {
        this.keepAlive = keepAlive;
    }

    @ModelAttribute("sessionGuard")
    SessionGuard sessionGuard() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return new SessionGuard(keepAlive.getPingInterval().toMillis(), keepAlive.getKeepAliveWindow().toMillis(),
                auth == null ? "" : auth.getName());
    }
}
