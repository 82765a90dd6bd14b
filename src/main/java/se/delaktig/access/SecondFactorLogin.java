package se.delaktig.access;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.StaffMember;

/**
 * The step between a correct password and a session with access. A person who must give a second
 * factor (see {@link SecondFactorPolicy}) gets a session that holds only {@link #PENDING} (enter a
 * code) or {@link #ENROL} (set the factor up first); every page but the second-factor pages refuses
 * such a session. A correct code turns it into a full session with a new id.
 */
@Service
public class SecondFactorLogin {

    /** A password was right; a code from the app or a recovery code is still needed. */
    public static final String PENDING = "FACTOR_PENDING";
    /** A password was right; the person must set up the second factor before anything else. */
    public static final String ENROL = "FACTOR_ENROL";

    private final Organization organization;
    private final UserDetailsService users;
    private final SecondFactorPolicy policy;
    private final SecondFactors secondFactors;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SavedRequestAwareAuthenticationSuccessHandler onwards = new SavedRequestAwareAuthenticationSuccessHandler();
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    SecondFactorLogin(Organization organization, UserDetailsService users, SecondFactorPolicy policy,
                      SecondFactors secondFactors, LoginThrottle throttle, AuditLog audit) {
        this.organization = organization;
        this.users = users;
        this.policy = policy;
        this.secondFactors = secondFactors;
        this.throttle = throttle;
        this.audit = audit;
        this.onwards.setDefaultTargetUrl("/");
    }

    /** After the password: straight on, or to the second step with a session that opens nothing else. */
    AuthenticationSuccessHandler afterPassword() {
        return (request, response, authentication) -> {
            var staff = organization.staffByUsername(authentication.getName()).orElseThrow();
            var step = policy.afterPassword(staff.id());
            if (step == SecondFactorPolicy.Step.NONE) {
                throttle.succeeded(staff.username());
                onwards.onAuthenticationSuccess(request, response, authentication);
                return;
            }
            var pending = UsernamePasswordAuthenticationToken.authenticated(staff.username(), null,
                    List.of(new SimpleGrantedAuthority(step == SecondFactorPolicy.Step.VERIFY ? PENDING : ENROL)));
            save(pending, request, response);
            response.sendRedirect(request.getContextPath()
                    + (step == SecondFactorPolicy.Step.VERIFY ? "/login/second-factor" : "/login/second-factor/setup"));
        };
    }

    /** The person whose password was right and who now owes the given step. */
    public Optional<StaffMember> waiting(String step) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getAuthorities().stream().noneMatch(a -> step.equals(a.getAuthority()))) {
            return Optional.empty();
        }
        return organization.staffByUsername(auth.getName()).filter(StaffMember::enabled);
    }

    /**
     * Checks the code of a person with a pending login and, when right, completes the login. The code
     * is throttled like a password: by username and by address.
     */
    public boolean verify(String code, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var staff = waiting(PENDING).orElseThrow(() -> new IllegalStateException("no pending login"));
        var address = request.getRemoteAddr();
        if (throttle.blocked(staff.username(), address)) {
            // Refused without looking at the code, and not counted: a block never grows past its longest delay.
            audit.record(staff.username(), "LOGIN_SECOND_FACTOR", "staff", staff.username(), null,
                    AuditLog.Outcome.DENIED, "throttled: too many failed attempts for this username or from " + address);
            return false;
        }
        if (!secondFactors.verify(staff.id(), code)) {
            throttle.failed(staff.username(), address);
            audit.record(staff.username(), "LOGIN_SECOND_FACTOR", "staff", staff.username(), null,
                    AuditLog.Outcome.FAILURE, "wrong code from " + address);
            return false;
        }
        audit.record(staff.username(), "LOGIN_SECOND_FACTOR", "staff", staff.username(), null,
                AuditLog.Outcome.SUCCESS, null);
        complete(staff, request, response);
        return true;
    }

    /** The person set the factor up during login and may now go on; their session gets full access. */
    public void enrolled(HttpServletRequest request, HttpServletResponse response) {
        var staff = waiting(ENROL).orElseThrow(() -> new IllegalStateException("no enrolment login"));
        audit.record(staff.username(), "LOGIN_SECOND_FACTOR", "staff", staff.username(), null,
                AuditLog.Outcome.SUCCESS, "set up during login");
        complete(staff, request, response);
    }

    /** Where to go after completing the login: the page asked for before, or the start page. */
    public String onwards(HttpServletRequest request, HttpServletResponse response) {
        var saved = requests.getRequest(request, response);
        if (saved == null) {
            return "/";
        }
        requests.removeRequest(request, response);
        return saved.getRedirectUrl();
    }

    private void complete(StaffMember staff, HttpServletRequest request, HttpServletResponse response) {
        throttle.succeeded(staff.username());
        var user = users.loadUserByUsername(staff.username());
        request.changeSessionId();
        save(UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, user.getAuthorities()),
                request, response);
    }

    private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
