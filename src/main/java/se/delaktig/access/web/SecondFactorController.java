package se.delaktig.access.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.delaktig.access.CurrentActor;
import se.delaktig.access.SecondFactorLogin;
import se.delaktig.access.SecondFactorPolicy;
import se.delaktig.access.SecondFactors;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;

/**
 * The second factor: the code step of the login, setting it up (during login when it is required,
 * or from the profile), new recovery codes, and removing it where it is not required.
 */
@Controller
class SecondFactorController {

    private final SecondFactorLogin login;
    private final SecondFactors secondFactors;
    private final SecondFactorPolicy policy;
    private final CurrentActor currentActor;
    private final Organization organization;
    private final AuditLog audit;

    SecondFactorController(SecondFactorLogin login, SecondFactors secondFactors, SecondFactorPolicy policy,
                           CurrentActor currentActor, Organization organization, AuditLog audit) {
        this.login = login;
        this.secondFactors = secondFactors;
        this.policy = policy;
        this.currentActor = currentActor;
        this.organization = organization;
        this.audit = audit;
    }

    // the login step --------------------------------------------------------------------------------

    @GetMapping("/login/second-factor")
    String codeForm(Model model) {
        if (login.waiting(SecondFactorLogin.PENDING).isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("codeError", false);
        return "access/second-factor";
    }

    @PostMapping("/login/second-factor")
    String code(@RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request,
                HttpServletResponse response) throws IOException {
        if (login.waiting(SecondFactorLogin.PENDING).isEmpty()) {
            return "redirect:/login";
        }
        if (login.verify(code, request, response)) {
            return "redirect:" + login.onwards(request, response);
        }
        model.addAttribute("codeError", true);
        return "access/second-factor";
    }

    /** Required but not set up yet: nothing else opens until it is. */
    @GetMapping("/login/second-factor/setup")
    String setupAtLogin(Model model) {
        var staff = login.waiting(SecondFactorLogin.ENROL).orElse(null);
        if (staff == null) {
            return "redirect:/login";
        }
        return setupPage(model, secondFactors.enrolment(staff.id(), staff.username()), "/login/second-factor/setup", true, false);
    }

    @PostMapping("/login/second-factor/setup")
    String confirmAtLogin(@RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request,
                          HttpServletResponse response) {
        var staff = login.waiting(SecondFactorLogin.ENROL).orElse(null);
        if (staff == null) {
            return "redirect:/login";
        }
        var codes = secondFactors.confirm(staff.id(), code);
        if (codes.isEmpty()) {
            return setupPage(model, secondFactors.enrolment(staff.id(), staff.username()), "/login/second-factor/setup", true, true);
        }
        audit.record(staff.username(), "ENROL_SECOND_FACTOR", "staff", staff.username(), null, AuditLog.Outcome.SUCCESS, "during login");
        login.enrolled(request, response);
        return codesPage(model, codes);
    }

    // the profile -------------------------------------------------------------------------------------

    @GetMapping("/profile/second-factor")
    String profile(Model model) {
        var actor = currentActor.get();
        if (!secondFactors.enrolled(actor.staffId())) {
            return setupPage(model, secondFactors.enrolment(actor.staffId(), actor.username()), "/profile/second-factor", false, false);
        }
        model.addAttribute("codesLeft", secondFactors.recoveryCodesLeft(actor.staffId()));
        model.addAttribute("required", policy.requiredFor(actor.staffId()));
        model.addAttribute("passwordError", false);
        return "access/second-factor-status";
    }

    @PostMapping("/profile/second-factor")
    String confirmFromProfile(@RequestParam(defaultValue = "") String code, Model model) {
        var actor = currentActor.get();
        if (secondFactors.enrolled(actor.staffId())) {
            return "redirect:/profile/second-factor";
        }
        var codes = secondFactors.confirm(actor.staffId(), code);
        if (codes.isEmpty()) {
            return setupPage(model, secondFactors.enrolment(actor.staffId(), actor.username()), "/profile/second-factor", false, true);
        }
        audit.success("ENROL_SECOND_FACTOR", "staff", actor.username(), null);
        return codesPage(model, codes);
    }

    @PostMapping("/profile/second-factor/recovery-codes")
    String newRecoveryCodes(Model model) {
        var actor = currentActor.get();
        if (!secondFactors.enrolled(actor.staffId())) {
            return "redirect:/profile/second-factor";
        }
        var codes = secondFactors.newRecoveryCodes(actor.staffId());
        audit.success("NEW_RECOVERY_CODES", "staff", actor.username(), null);
        return codesPage(model, codes);
    }

    /** Only where it is not required, and only with the password: a borrowed session may not remove it. */
    @PostMapping("/profile/second-factor/remove")
    String remove(@RequestParam(defaultValue = "") String password, Model model) {
        var actor = currentActor.get();
        if (policy.requiredFor(actor.staffId()) || !organization.passwordMatches(actor.staffId(), password)) {
            audit.record("REMOVE_SECOND_FACTOR", "staff", actor.username(), null, AuditLog.Outcome.DENIED);
            model.addAttribute("codesLeft", secondFactors.recoveryCodesLeft(actor.staffId()));
            model.addAttribute("required", policy.requiredFor(actor.staffId()));
            model.addAttribute("passwordError", true);
            return "access/second-factor-status";
        }
        secondFactors.remove(actor.staffId());
        audit.success("REMOVE_SECOND_FACTOR", "staff", actor.username(), null);
        return "redirect:/profile";
    }

    private static String setupPage(Model model, SecondFactors.Enrolment enrolment, String action, boolean atLogin,
                                    boolean codeError) {
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("action", action);
        model.addAttribute("atLogin", atLogin);
        model.addAttribute("codeError", codeError);
        return "access/second-factor-setup";
    }

    /** Shown once, never stored in plain text and never put in the session. */
    private static String codesPage(Model model, List<String> codes) {
        model.addAttribute("codes", codes);
        return "access/recovery-codes";
    }
}
