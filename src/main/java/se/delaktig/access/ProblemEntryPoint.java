package se.delaktig.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.LocaleResolver;

/**
 * API requests refused by the security filters (not signed in, missing CSRF token) get an RFC 9457
 * problem detail instead of a redirect to the login page or an HTML error page.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final MessageSource messages;
    private final LocaleResolver locales;

    ProblemEntryPoint(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, 401, "error.unauthorized.title", "error.unauthorized.detail");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(request, response, 403, "error.forbidden.title",
                e instanceof CsrfException ? "error.forbidden.csrf" : "error.forbidden.detail");
    }

    /** A 403 problem with a detail of its own, for refusals the filters decide themselves. */
    void deny(HttpServletRequest request, HttpServletResponse response, String detailKey) throws IOException {
        write(request, response, 403, "error.forbidden.title", detailKey);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String titleKey,
                       String detailKey) throws IOException {
        var locale = locales.resolveLocale(request);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        var title = messages.getMessage(titleKey, null, titleKey, locale);
        var detail = messages.getMessage(detailKey, null, "", locale);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + json(detail) + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
