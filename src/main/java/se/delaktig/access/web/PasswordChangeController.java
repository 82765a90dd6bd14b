package se.delaktig.access.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.PasswordRule;

/**
 * Where a temporary password from an administrator leads: the person chooses their own password
 * before they can use anything else (the filter {@code PasswordChangeRequired} keeps every other page
 * closed until then). They just signed in with the temporary password, so it is not asked for again.
 */
@Controller
class PasswordChangeController {

    record NewPasswordForm(String newPassword, String repeatPassword) {
    }

    /** One line of the error summary: the field to jump to and "Label: what is wrong". */
    record Line(String field, String text) {
    }

    private final CurrentActor currentActor;
    private final Organization organization;
    private final AuditLog audit;
    private final MessageSource messages;

    PasswordChangeController(CurrentActor currentActor, Organization organization, AuditLog audit, MessageSource messages) {
        this.currentActor = currentActor;
        this.organization = organization;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/password/change")
    String page(Model model) {
        if (!organization.mustChangePassword(currentActor.get().username())) {
            return "redirect:/profile";
        }
        return page(model, new LinkedHashMap<>());
    }

    @PostMapping("/password/change")
    String change(@ModelAttribute NewPasswordForm form, Model model, RedirectAttributes redirect,
                  HttpServletRequest request) {
        var actor = currentActor.get();
        if (!organization.mustChangePassword(actor.username())) {
            return "redirect:/profile";
        }
        var errors = new LinkedHashMap<String, String>();
        if (!PasswordRule.accepts(form.newPassword())) {
            errors.put("newPassword", text("access.password.tooShort", PasswordRule.MIN_LENGTH));
        } else if (organization.passwordMatches(actor.staffId(), form.newPassword())) {
            errors.put("newPassword", text("admin.password.sameAsTemporary"));
        }
        if (form.repeatPassword() == null || form.repeatPassword().isEmpty()) {
            errors.put("repeatPassword", text("admin.password.repeatMissing"));
        } else if (!errors.containsKey("newPassword") && !form.repeatPassword().equals(form.newPassword())) {
            errors.put("repeatPassword", text("access.password.mismatch"));
        }
        if (!errors.isEmpty()) {
            audit.record(actor.username(), "CHANGE_PASSWORD", "staff", actor.username(), null, AuditLog.Outcome.FAILURE,
                    "required after a reset");
            return page(model, errors);
        }
        organization.changePassword(actor.staffId(), form.newPassword());
        request.changeSessionId();
        audit.record(actor.username(), "CHANGE_PASSWORD", "staff", actor.username(), null, AuditLog.Outcome.SUCCESS,
                "required after a reset");
        redirect.addFlashAttribute("flash", text("admin.password.changedNowWork"));
        return "redirect:/";
    }

    private String page(Model model, Map<String, String> errors) {
        var summary = new ArrayList<Line>();
        errors.forEach((field, message) -> summary.add(new Line(field,
                text(field.equals("newPassword") ? "access.password.new" : "access.password.repeat") + ": " + message)));
        model.addAttribute("actor", currentActor.get());
        model.addAttribute("errors", errors);
        model.addAttribute("errorSummary", summary);
        model.addAttribute("minPasswordLength", PasswordRule.MIN_LENGTH);
        return "access/password-change";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
