package se.delaktig.access.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import se.delaktig.access.Actor;
import se.delaktig.access.ApiTokens;
import se.delaktig.access.CurrentActor;
import se.delaktig.access.SecondFactorPolicy;
import se.delaktig.access.SecondFactors;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.PasswordRule;
import se.delaktig.organization.Role;
import se.delaktig.web.NotFoundException;

/** A staff member's own page: who they are, where they work, their password and their API tokens. */
@Controller
class ProfileController {

    static final int MAX_TOKEN_NAME = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(AuditLog.ZONE);

    record PasswordForm(String currentPassword, String newPassword, String repeatPassword) {
    }

    record TokenForm(String name, String scope, String days) {
        static TokenForm empty() {
            return new TokenForm("", "READ", String.valueOf(ApiTokens.DEFAULT_DAYS));
        }
    }

    record UnitRoles(String unit, List<Role> roles) {
    }

    record TokenRow(long id, String name, String prefix, String created, String lastUsed, String revoked, boolean active,
                    String expires, boolean expired, String scope) {
    }

    private final CurrentActor currentActor;
    private final Organization organization;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final MessageSource messages;
    private final SecondFactors secondFactors;
    private final SecondFactorPolicy policy;

    ProfileController(CurrentActor currentActor, Organization organization, ApiTokens tokens, AuditLog audit,
                      MessageSource messages, SecondFactors secondFactors, SecondFactorPolicy policy) {
        this.secondFactors = secondFactors;
        this.policy = policy;
        this.currentActor = currentActor;
        this.organization = organization;
        this.tokens = tokens;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/profile")
    String profile(Model model) {
        return page(model, TokenForm.empty(), new LinkedHashMap<>());
    }

    @PostMapping("/profile/password")
    String changePassword(@ModelAttribute PasswordForm form, Model model, RedirectAttributes redirect,
                          HttpServletRequest request) {
        var actor = currentActor.get();
        var errors = new LinkedHashMap<String, String>();
        if (form.currentPassword() == null || !organization.passwordMatches(actor.staffId(), form.currentPassword())) {
            errors.put("currentPassword", text("access.password.currentWrong"));
        }
        if (!PasswordRule.accepts(form.newPassword())) {
            errors.put("newPassword", text("access.password.tooShort", PasswordRule.MIN_LENGTH));
        } else if (!form.newPassword().equals(form.repeatPassword())) {
            errors.put("repeatPassword", text("access.password.mismatch"));
        }
        if (!errors.isEmpty()) {
            audit.record("CHANGE_PASSWORD", "staff", actor.username(), null, AuditLog.Outcome.FAILURE);
            return page(model, TokenForm.empty(), errors);
        }
        // Ends the person's other sessions and revokes their tokens; this session stays, under a new id.
        organization.changePassword(actor.staffId(), form.newPassword());
        request.changeSessionId();
        audit.success("CHANGE_PASSWORD", "staff", actor.username(), null);
        redirect.addFlashAttribute("flash", text("access.password.changed"));
        return "redirect:/profile";
    }

    /**
     * Creates a token and shows it right away instead of redirecting: the plain token must not pass
     * through the session (which lives in the database) and can never be shown again.
     */
    @PostMapping("/profile/tokens")
    String createToken(@ModelAttribute TokenForm form, Model model) {
        var actor = currentActor.get();
        var errors = new LinkedHashMap<String, String>();
        if (form.name() == null || form.name().isBlank()) {
            errors.put("name", text("validation.required"));
        } else if (form.name().trim().length() > MAX_TOKEN_NAME) {
            errors.put("name", text("access.token.nameTooLong", MAX_TOKEN_NAME));
        }
        var scope = "WRITE".equals(form.scope()) ? ApiTokens.Scope.WRITE : ApiTokens.Scope.READ;
        var days = days(form.days());
        if (days == null) {
            errors.put("days", text("security.token.daysRange", ApiTokens.MAX_DAYS));
        }
        if (!errors.isEmpty()) {
            return page(model, form, errors);
        }
        var created = tokens.create(actor.staffId(), form.name(), scope, days);
        audit.success("CREATE_API_TOKEN", "api_token", created.id(), null);
        model.addAttribute("tokenName", form.name().trim());
        model.addAttribute("plainToken", created.plainToken());
        model.addAttribute("tokenExpires", time(created.expiresAt()));
        model.addAttribute("tokenScope", scope.name());
        model.addAttribute("meUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/v1/me").toUriString());
        return "access/token-created";
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        var actor = currentActor.get();
        if (!tokens.revoke(actor.staffId(), id)) {
            throw new NotFoundException();
        }
        audit.success("REVOKE_API_TOKEN", "api_token", id, null);
        redirect.addFlashAttribute("flash", text("access.token.revoked"));
        return "redirect:/profile";
    }

    private String page(Model model, TokenForm tokenForm, Map<String, String> errors) {
        var actor = currentActor.get();
        model.addAttribute("actor", actor);
        model.addAttribute("unitRoles", unitRoles(actor));
        model.addAttribute("tokens", tokens.of(actor.staffId()).stream()
                .map(t -> new TokenRow(t.id(), t.name(), t.prefix(), time(t.createdAt()), time(t.lastUsedAt()),
                        time(t.revokedAt()), t.active(), time(t.expiresAt()), t.expired(), t.scope().name()))
                .toList());
        model.addAttribute("tokenForm", tokenForm);
        model.addAttribute("errors", errors);
        model.addAttribute("minPasswordLength", PasswordRule.MIN_LENGTH);
        model.addAttribute("maxTokenDays", ApiTokens.MAX_DAYS);
        model.addAttribute("secondFactor", secondFactors.enrolled(actor.staffId()));
        model.addAttribute("secondFactorRequired", policy.requiredFor(actor.staffId()));
        return "access/profile";
    }

    private List<UnitRoles> unitRoles(Actor actor) {
        var rows = new ArrayList<UnitRoles>();
        for (var unit : organization.units(actor.rolesByUnit().keySet())) {
            rows.add(new UnitRoles(unit.fullName(),
                    actor.rolesByUnit().get(unit.id()).stream().sorted(Comparator.naturalOrder()).toList()));
        }
        return rows;
    }

    /** Days from 1 to the maximum (the default when left empty), or null. */
    static Integer days(String text) {
        if (text == null || text.isBlank()) {
            return ApiTokens.DEFAULT_DAYS;
        }
        try {
            var days = Integer.parseInt(text == null ? "" : text.trim());
            return days >= 1 && days <= ApiTokens.MAX_DAYS ? days : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
