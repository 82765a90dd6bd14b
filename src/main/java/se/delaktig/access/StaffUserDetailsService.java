package se.delaktig.access;

import java.util.ArrayList;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;

/** Loads staff for the login form and for API tokens. Throttling lives in {@link LoginThrottle}, not in the account. */
@Service
class StaffUserDetailsService implements UserDetailsService {

    private final Organization organization;

    StaffUserDetailsService(Organization organization) {
        this.organization = organization;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var staff = organization.staffByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown"));
        var hash = organization.passwordHash(staff.username()).orElseThrow();
        var authorities = new ArrayList<SimpleGrantedAuthority>();
        authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
        if (staff.administrator()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        organization.rolesByUnit(staff.id()).values().stream().flatMap(java.util.Set::stream).distinct()
                .map(Role::name).forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        return User.withUsername(staff.username())
                .password(hash)
                .authorities(authorities)
                .disabled(!staff.enabled())
                .build();
    }
}
