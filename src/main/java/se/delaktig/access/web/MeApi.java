package se.delaktig.access.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.access.ApiTokens;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.web.InvalidInputException;

/** Who the caller is, and their own API tokens, for scripts that need to check their credentials. */
@RestController
@RequestMapping("/api/v1/me")
class MeApi {

    record UnitRole(long unitId, String unitName, String municipalityName, String role) {
    }

    record Me(String username, String displayName, boolean administrator, List<UnitRole> roles) {
    }

    /**
     * @param scope READ (the default) or WRITE
     * @param days  how long the token lives, 1–365, 90 when left out
     */
    record NewToken(String name, String scope, Integer days) {
    }

    /** The plain token appears only in this answer. */
    record CreatedToken(long id, String name, String token, String scope, java.time.Instant expiresAt) {
    }

    private final CurrentActor currentActor;
    private final Organization organization;
    private final ApiTokens tokens;
    private final AuditLog audit;

    MeApi(CurrentActor currentActor, Organization organization, ApiTokens tokens, AuditLog audit) {
        this.currentActor = currentActor;
        this.organization = organization;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping
    Me me() {
        var actor = currentActor.get();
        var roles = new ArrayList<UnitRole>();
        for (var unit : organization.units(actor.rolesByUnit().keySet())) {
            actor.rolesByUnit().get(unit.id()).stream().sorted(Comparator.naturalOrder())
                    .forEach(role -> roles.add(new UnitRole(unit.id(), unit.name(), unit.municipalityName(), role.name())));
        }
        return new Me(actor.username(), actor.displayName(), actor.administrator(), roles);
    }

    @PostMapping("/tokens")
    ResponseEntity<CreatedToken> createToken(@RequestBody NewToken request) {
        var actor = currentActor.get();
        if (request.name() == null || request.name().isBlank()) {
            throw new InvalidInputException("name", "validation.required");
        }
        if (request.name().trim().length() > ProfileController.MAX_TOKEN_NAME) {
            throw new InvalidInputException("name", "access.token.nameTooLong", ProfileController.MAX_TOKEN_NAME);
        }
        ApiTokens.Scope scope;
        if (request.scope() == null || request.scope().isBlank() || request.scope().equalsIgnoreCase("READ")) {
            scope = ApiTokens.Scope.READ;
        } else if (request.scope().equalsIgnoreCase("WRITE")) {
            scope = ApiTokens.Scope.WRITE;
        } else {
            throw new InvalidInputException("scope", "security.token.scopeChoice");
        }
        var days = request.days() == null ? ApiTokens.DEFAULT_DAYS : request.days();
        if (days < 1 || days > ApiTokens.MAX_DAYS) {
            throw new InvalidInputException("days", "security.token.daysRange", ApiTokens.MAX_DAYS);
        }
        var created = tokens.create(actor.staffId(), request.name(), scope, days);
        audit.success("CREATE_API_TOKEN", "api_token", created.id(), null);
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + created.id()))
                .body(new CreatedToken(created.id(), request.name().trim(), created.plainToken(), scope.name(),
                        created.expiresAt()));
    }
}
