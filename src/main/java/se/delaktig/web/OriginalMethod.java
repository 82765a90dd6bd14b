package se.delaktig.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers the method a request came with. The container's forward to {@code /error} shows every
 * request as a GET, and the error page needs to know that a form was sent (to say that the session
 * may have ended, and where the language link can lead).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OriginalMethod extends OncePerRequestFilter {

    private static final String ATTRIBUTE = OriginalMethod.class.getName();

    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String method ? method : request.getMethod();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, request.getMethod());
        chain.doFilter(request, response);
    }
}
