package se.delaktig.demo;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs demo seeding steps as a demo user, so the services apply their normal checks and audit. */
final class AsUser {

    private AsUser() {
    }

    static <T> T as(String username, Supplier<T> work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                AuthorityUtils.createAuthorityList("ROLE_STAFF")));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static void run(String username, Runnable work) {
        as(username, () -> {
            work.run();
            return null;
        });
    }
}
