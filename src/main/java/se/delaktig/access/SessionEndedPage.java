package se.delaktig.access;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A plain form post (no script) whose session has ended fails its CSRF check. Instead of the generic
 * 403 page, the browser gets an HTML page that says the sign-in expired and shows every text that
 * was sent, ready to copy, with a link to sign in again in a new tab (see
 * {@code access/web/SessionController#ended}). Anything else goes to the handler it wraps.
 */
class SessionEndedPage implements AccessDeniedHandler {

    /** Where the refused post is forwarded; only a forward from here shows anything there. */
    static final String PATH = "/session/ended";

    private final AccessDeniedHandler otherwise;

    SessionEndedPage(AccessDeniedHandler otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        if (e instanceof CsrfException && "POST".equals(request.getMethod()) && !SessionEnded.signedIn()
                && !request.getRequestURI().equals(request.getContextPath() + "/login")
                && !request.getRequestURI().equals(request.getContextPath() + "/logout")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            request.getRequestDispatcher(PATH).forward(request, response);
        } else {
            otherwise.handle(request, response, e);
        }
    }
}
