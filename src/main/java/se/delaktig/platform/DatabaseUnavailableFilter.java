package se.delaktig.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before Spring Session's filter (sessions live in the database): while the database is known
 * to be away, every request but the health probes is answered with 503 at once, without touching the
 * session, the security context or the pool. A database failure that escapes everything further in
 * (Spring Session saving the session, a security filter) gets the same answer instead of a bare 500.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final DatabaseAvailability availability;
    private final UnavailableAnswer answer;

    DatabaseUnavailableFilter(DatabaseAvailability availability, UnavailableAnswer answer) {
        this.availability = availability;
        this.answer = answer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!availability.available() && !isHealthProbe(request)) {
            answer.write(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!UnavailableAnswer.isDatabaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            if (!availability.notice(e)) {
                log.warn("Database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            }
            answer.write(request, response);
        }
    }

    /** Liveness and readiness must tell the truth while the database is away (readiness: DOWN). */
    private static boolean isHealthProbe(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }
}
