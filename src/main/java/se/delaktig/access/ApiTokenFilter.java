package se.delaktig.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.filter.OncePerRequestFilter;
import se.delaktig.audit.AuditLog;

/** Authenticates {@code Authorization: Bearer dlk_…} on API requests; a bad token is a 401. */
class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final UserDetailsService users;
    private final AuditLog audit;
    private final ProblemEntryPoint entryPoint;

    ApiTokenFilter(ApiTokens tokens, UserDetailsService users, AuditLog audit, ProblemEntryPoint entryPoint) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.entryPoint = entryPoint;
    }

    static boolean hasBearer(HttpServletRequest request) {
        var header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        var token = request.getHeader("Authorization").substring(7).trim();
        var username = tokens.authenticate(token);
        if (username.isEmpty()) {
            audit.record("api-token:" + (token.length() > 10 ? token.substring(0, 10) : "?"), "LOGIN_API_TOKEN",
                    "api_token", null, null, AuditLog.Outcome.FAILURE, "unknown or revoked token");
            entryPoint.commence(request, response, null);
            return;
        }
        var user = users.loadUserByUsername(username.get());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, user.getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
