package se.delaktig.access;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
            "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
            "form-action 'self'", "frame-ancestors 'none'");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, UserDetailsService users,
                                            AuditLog audit, MessageSource messages, LocaleResolver locales,
                                            PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                            Organization organization, SecondFactorLogin secondFactor,
                                            ApplicationEventPublisher events) throws Exception {
        var problemEntryPoint = new ProblemEntryPoint(messages, locales);
        var paths = PathPatternRequestMatcher.withDefaults();
        // The API and its description answer with problem details, never with a login page.
        RequestMatcher api = new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/v3/api-docs*"),
                paths.matcher("/v3/api-docs/**"));
        RequestMatcher bearer = ApiTokenFilter::hasBearer;
        // A page's own scripts learn that the session ended from a 401 with a marker (see SessionEnded).
        RequestMatcher script = SessionEnded::fromScript;
        var sessionEnded = new SessionEnded(messages, locales);

        var logins = new ProviderManager(new ThrottledLoginProvider(users, passwordEncoder, throttle, audit, organization));
        logins.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));

        http
            .authenticationManager(logins)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error", SessionEndedPage.PATH).permitAll()
                // Status only for everyone (supervisor probes); details only for administrators (management.endpoint.health.roles).
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                // The children's feedback page: public by design, reached by its random token, no personal data.
                .requestMatchers(HttpMethod.GET, "/feedback/*").permitAll()
                // Between the password and the second factor only these pages open.
                .requestMatchers("/login/second-factor", "/login/second-factor/**")
                    .hasAnyAuthority(SecondFactorLogin.PENDING, SecondFactorLogin.ENROL)
                // Tokens are made only from a signed-in session (the token filter also refuses them here).
                .requestMatchers("/api/v1/me/tokens", "/api/v1/me/tokens/**")
                    .access((authentication, request) -> new org.springframework.security.authorization.AuthorizationDecision(
                            authentication.get().getAuthorities().stream().anyMatch(a -> "ROLE_STAFF".equals(a.getAuthority()))
                            && authentication.get().getAuthorities().stream().noneMatch(a -> ApiTokenFilter.API_TOKEN.equals(a.getAuthority()))))
                // A full login (password, and the second factor where it is asked for) or a valid token.
                .anyRequest().hasRole("STAFF"))
            .formLogin(form -> form
                .loginPage("/login")
                .successHandler(secondFactor.afterPassword())
                .failureHandler(failureHandler())
                .permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
            .csrf(csrf -> csrf.ignoringRequestMatchers(bearer))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(problemEntryPoint, api)
                .defaultAccessDeniedHandlerFor(problemEntryPoint, api)
                .defaultAuthenticationEntryPointFor(sessionEnded, script)
                .defaultAccessDeniedHandlerFor(sessionEnded, script)
                .defaultAccessDeniedHandlerFor(new SessionEndedPage(toSecondFactor()), AnyRequestMatcher.INSTANCE)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
            .addFilterBefore(new ApiTokenFilter(tokens, users, audit, problemEntryPoint), UsernamePasswordAuthenticationFilter.class)
            .addFilterAfter(new PasswordChangeRequired(organization), AuthorizationFilter.class)
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /**
     * Unknown user, wrong password, disabled account and throttled attempt all come back the same way:
     * one message, one address, nothing that tells them apart.
     */
    private static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            var username = request.getParameter("username");
            if (username != null && username.length() <= 40) {
                request.getSession().setAttribute("LAST_USERNAME", username);
            }
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    /** A session that still owes the second factor is sent to it; anyone else refused gets the 403 page. */
    private static AccessDeniedHandler toSecondFactor() {
        var forbidden = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
            var authorities = auth == null ? java.util.List.<String>of()
                    : auth.getAuthorities().stream().map(a -> a.getAuthority()).toList();
            if (authorities.contains(SecondFactorLogin.PENDING)) {
                response.sendRedirect(request.getContextPath() + "/login/second-factor");
            } else if (authorities.contains(SecondFactorLogin.ENROL)) {
                response.sendRedirect(request.getContextPath() + "/login/second-factor/setup");
            } else {
                forbidden.handle(request, response, exception);
            }
        };
    }
}
