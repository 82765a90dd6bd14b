package se.delaktig.organization;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * People are shown by their name, not by the username they sign in with. Records keep the username
 * (it never changes, a name may); pages turn it into the name here, in templates through the bean
 * {@code staffNames}. Names are looked up once per request. A username that is no
 * staff member's (the system, an unknown login attempt) is shown as it is.
 */
@Component("staffNames")
public class StaffNames {

    private static final String CACHE = StaffNames.class.getName();

    private final Organization organization;

    StaffNames(Organization organization) {
        this.organization = organization;
    }

    /** The person's name, or the text itself if it is no staff member's username. */
    public String of(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        return cache().computeIfAbsent(username, u -> organization.staffByUsername(u)
                .map(StaffMember::displayName).orElse(u));
    }

    /** "Name (username)", where both matter: the audit log, whose filter takes the username. */
    public String withUsername(String username) {
        var name = of(username);
        return name == null || name.equals(username) ? username : name + " (" + username + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cache() {
        var attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return new HashMap<>();
        }
        var cached = attributes.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
        if (cached instanceof Map<?, ?> map) {
            return (Map<String, String>) map;
        }
        var fresh = new HashMap<String, String>();
        attributes.setAttribute(CACHE, fresh, RequestAttributes.SCOPE_REQUEST);
        return fresh;
    }
}
