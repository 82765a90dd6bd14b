package se.delaktig.access;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.filter.OncePerRequestFilter;
import se.delaktig.audit.AuditLog;

/**
 * Authenticates {@code Authorization: Bearer dlk_…} on the API and its description; a bad, expired or
 * revoked token is a 401. A token reaches nothing else: the pages are for people with a session, and
 * a token there would slip past the CSRF protection. A read token gets a 403 on any write, and no
 * token may make tokens.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    /** Marks an authentication made with a token rather than a login. */
    static final String API_TOKEN = "API_TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

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

    static boolean tokenPath(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/");
    }

    static boolean mintsTokens(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/v1/me/tokens");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        var token = request.getHeader("Authorization").substring(7).trim();
        var prefix = "api-token:" + (token.length() > 10 ? token.substring(0, 10) : "?");
        if (!tokenPath(request)) {
            audit.record(prefix, "LOGIN_API_TOKEN", "api_token", null, null, AuditLog.Outcome.DENIED,
                    "token used outside the API: " + request.getRequestURI());
            entryPoint.commence(request, response, null);
            return;
        }
        var bearer = tokens.authenticate(token);
        if (bearer.isEmpty()) {
            audit.record(prefix, "LOGIN_API_TOKEN", "api_token", null, null, AuditLog.Outcome.FAILURE,
                    "unknown, expired or revoked token");
            entryPoint.commence(request, response, null);
            return;
        }
        var username = bearer.get().username();
        if (mintsTokens(request) && !SAFE_METHODS.contains(request.getMethod())) {
            audit.record(username, "CREATE_API_TOKEN", "api_token", null, null, AuditLog.Outcome.DENIED,
                    "a token may not make tokens");
            entryPoint.deny(request, response, "security.token.cannotMint");
            return;
        }
        if (bearer.get().scope() == ApiTokens.Scope.READ && !SAFE_METHODS.contains(request.getMethod())) {
            audit.record(username, "WRITE_WITH_READ_TOKEN", "api_token", null, null, AuditLog.Outcome.DENIED,
                    request.getMethod() + " " + request.getRequestURI());
            entryPoint.deny(request, response, "security.token.readOnly");
            return;
        }
        var user = users.loadUserByUsername(username);
        var authorities = new ArrayList<GrantedAuthority>(user.getAuthorities());
        authorities.add(new SimpleGrantedAuthority(API_TOKEN));
        authorities.add(new SimpleGrantedAuthority("SCOPE_" + bearer.get().scope().name()));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, authorities);
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
