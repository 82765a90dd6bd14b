package se.delaktig.access;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.LocaleResolver;

/**
 * How a page's own script (interview.js's background save, session.js's ping, htmx) learns that the
 * session has ended: a 401 with the header {@value #HEADER}{@code : ended} and a problem detail of
 * type {@value #ENDED_TYPE}, instead of a redirect to the login page (which fetch cannot tell from a
 * page) or a 403 for a CSRF token that belonged to the session that is gone.
 *
 * <p>A CSRF token refused while the person is still signed in (they signed in again in another tab,
 * so the page holds the old session's token) is a 403 with {@value #HEADER}{@code : stale-token}: the
 * page fetches a fresh token from {@code /session/state} and sends again.
 *
 * <p>Page navigations keep the login redirect and the HTML error pages; the API keeps its own problem
 * details ({@link ProblemEntryPoint}).
 */
public class SessionEnded implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The marker header: {@code ended} or {@code stale-token}. */
    public static final String HEADER = "Delaktig-Session";
    public static final String ENDED_TYPE = "urn:delaktig:problem:session-ended";
    public static final String STALE_TOKEN_TYPE = "urn:delaktig:problem:stale-csrf-token";

    private static final Set<String> SCRIPT_FETCH_MODES = Set.of("cors", "same-origin");

    private final MessageSource messages;
    private final LocaleResolver locales;

    SessionEnded(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /**
     * A request sent by a script on one of our pages rather than a navigation: htmx, XMLHttpRequest
     * (by its conventional header), or fetch (the browser's own {@code Sec-Fetch-Mode}).
     */
    static boolean fromScript(HttpServletRequest request) {
        if (request.getHeader("HX-Request") != null || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            return true;
        }
        var mode = request.getHeader("Sec-Fetch-Mode");
        return mode != null && SCRIPT_FETCH_MODES.contains(mode);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        ended(request, response);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException && signedIn()) {
            write(request, response, 403, "stale-token", STALE_TOKEN_TYPE, "error.forbidden.title", "error.forbidden.csrf");
        } else if (e instanceof CsrfException || !signedIn()) {
            // The token belonged to a session that is gone, or the sign-in is not complete (second factor).
            ended(request, response);
        } else {
            write(request, response, 403, null, "about:blank", "error.forbidden.title", "error.forbidden.detail");
        }
    }

    private void ended(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 401, "ended", ENDED_TYPE, "session.ended.title", "session.ended.detail");
    }

    /** Fully signed in: a staff member, not someone between the password and the second factor. */
    static boolean signedIn() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && !(auth instanceof AnonymousAuthenticationToken) && auth.isAuthenticated()
                && auth.getAuthorities().stream().anyMatch(a -> "ROLE_STAFF".equals(a.getAuthority()));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String marker, String type,
                       String titleKey, String detailKey) throws IOException {
        var locale = locales.resolveLocale(request);
        response.setStatus(status);
        if (marker != null) {
            response.setHeader(HEADER, marker);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        var title = messages.getMessage(titleKey, null, titleKey, locale);
        var detail = messages.getMessage(detailKey, null, "", locale);
        response.getWriter().write("{\"type\":\"" + type + "\",\"title\":\"" + json(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
