package se.delaktig.access;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;

/**
 * The password check of the login form, made so that an attacker learns nothing from it: an unknown
 * username, a wrong password, a disabled account and a throttled attempt all end in the same
 * {@link BadCredentialsException}, and each runs one password hash (Spring's provider hashes against
 * a dummy for unknown users; the disabled check comes after the hash; a throttled attempt hashes a
 * dummy), so the answers also take about as long. The audit log keeps the real reason.
 */
class ThrottledLoginProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Organization organization;
    private final String dummyHash;

    ThrottledLoginProvider(UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle, AuditLog audit,
                           Organization organization) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        // Disabled or locked is only looked at once the password has been hashed, so it takes as long as a wrong one.
        this.passwords.setPreAuthenticationChecks(user -> { });
        this.passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled() || !user.isAccountNonLocked()) {
                throw new DisabledException("disabled");
            }
        });
        this.throttle = throttle;
        this.encoder = encoder;
        this.audit = audit;
        this.organization = organization;
        this.dummyHash = encoder.encode("not-a-password-anyone-has");
    }

    static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        var username = String.valueOf(authentication.getName());
        var address = address(authentication);
        var actor = username.length() <= 100 ? username : username.substring(0, 100);
        if (throttle.blocked(username, address)) {
            encoder.matches(String.valueOf(authentication.getCredentials()), dummyHash);
            audit.record(actor, "LOGIN", "staff", actor, null, AuditLog.Outcome.DENIED,
                    "throttled: too many failed attempts for this username or from " + address);
            throw new BadCredentialsException("bad credentials");
        }
        try {
            return passwords.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            var reason = e instanceof DisabledException ? "account disabled"
                    : organization.staffByUsername(username).isPresent() ? "wrong password" : "unknown username";
            audit.record(actor, "LOGIN", "staff", actor, null, AuditLog.Outcome.FAILURE, reason + " from " + address);
            throw new BadCredentialsException("bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
