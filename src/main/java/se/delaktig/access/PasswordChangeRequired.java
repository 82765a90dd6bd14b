package se.delaktig.access;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import se.delaktig.organization.Organization;

/**
 * A person who signed in with a temporary password from an administrator may do one thing: choose
 * their own password. Every other page sends them to {@link #PATH}; a page's own scripts get a 403
 * instead of a redirect they could not follow. Signing out and the page's style and scripts stay
 * open. The flag is read from the database on each request, like roles (see {@link CurrentActor}),
 * so it ends the moment the new password is saved.
 */
class PasswordChangeRequired extends OncePerRequestFilter {

    /** The change-password page that a temporary password leads to. */
    static final String PATH = "/password/change";

    private static final List<String> OPEN = List.of(PATH, "/logout", "/error", "/favicon.ico", "/session/");
    private static final List<String> ASSETS = List.of("/css/", "/js/", "/img/", "/webjars/");

    private final Organization organization;

    PasswordChangeRequired(Organization organization) {
        this.organization = organization;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (owesNewPassword(request)) {
            if (SessionEnded.fromScript(request)) {
                response.sendError(HttpStatus.FORBIDDEN.value());
            } else {
                response.sendRedirect(request.getContextPath() + PATH);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean owesNewPassword(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPEN.stream().anyMatch(open -> path.equals(open) || (open.endsWith("/") && path.startsWith(open)))
                || ASSETS.stream().anyMatch(path::startsWith)) {
            return false;
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        var authorities = auth.getAuthorities().stream().map(a -> a.getAuthority()).toList();
        // Only a full session: a login that still owes its second factor finishes that first, and an
        // API token is revoked when the password is reset, so a token in use was made afterwards.
        if (!authorities.contains("ROLE_STAFF") || authorities.contains(ApiTokenFilter.API_TOKEN)) {
            return false;
        }
        return organization.mustChangePassword(auth.getName());
    }
}
