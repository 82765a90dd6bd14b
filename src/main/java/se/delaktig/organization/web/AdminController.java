package se.delaktig.organization.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Municipality;
import se.delaktig.organization.Organization;
import se.delaktig.organization.PasswordRule;
import se.delaktig.organization.Role;
import se.delaktig.organization.RoleGrants;
import se.delaktig.organization.StaffMember;
import se.delaktig.organization.Unit;
import se.delaktig.web.NotFoundException;

/**
 * Administration of the organisation: municipalities, units, staff and their roles. Only for
 * administrators; nothing here shows child data.
 */
@Controller
@RequestMapping("/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._-]{2,40}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_NAME = 200;

    record MunicipalityForm(String name, String threshold) {
        static MunicipalityForm empty() {
            return new MunicipalityForm("", "5");
        }
    }

    record UnitForm(String name) {
    }

    record ConsentAgeForm(String ownConsentAge) {
    }

    record RetentionForm(String textRetentionMonths) {
    }

    record StaffForm(String username, String displayName, String title, String email, String password,
                     String administrator) {
        static StaffForm empty() {
            return new StaffForm("", "", "", "", "", null);
        }

        public boolean isAdministrator() {
            return administrator != null && !administrator.equals("false");
        }
    }

    record RoleForm(String unitId, String role) {
    }

    /** What an administrator may correct about a person; the username stays, sessions are keyed by it. */
    record StaffEditForm(String displayName, String title, String email, String administrator) {
        static StaffEditForm of(StaffMember staff) {
            return new StaffEditForm(staff.displayName(), staff.title() == null ? "" : staff.title(),
                    staff.email() == null ? "" : staff.email(), staff.administrator() ? "true" : null);
        }

        public boolean isAdministrator() {
            return administrator != null && !administrator.equals("false");
        }
    }

    /** Left empty, Delaktig makes up the temporary password. */
    record PasswordResetForm(String temporaryPassword) {
    }

    private static final Map<String, String> MUNICIPALITY_LABELS = Map.of(
            "name", "organization.municipality.name", "threshold", "organization.municipality.threshold",
            "ownConsentAge", "consent.municipality.ownConsentAge", "textRetentionMonths", "closing.retention.field");
    private static final Map<String, String> UNIT_LABELS = Map.of(
            "name", "organization.unit.name", "ownConsentAge", "consent.municipality.ownConsentAge",
            "textRetentionMonths", "closing.retention.field");
    private static final Map<String, String> STAFF_LABELS = Map.of(
            "username", "organization.staff.username", "displayName", "organization.staff.displayName",
            "title", "organization.staff.title", "email", "organization.staff.email",
            "password", "organization.staff.initialPassword", "administrator", "organization.staff.administratorChoice",
            "temporaryPassword", "admin.password.field", "unitId", "organization.unit.singular",
            "role", "organization.role.singular");

    /** One row of a staff member's roles: the unit and its roles in a fixed order. */
    record UnitRoles(Unit unit, List<Role> roles) {
    }

    private final Organization organization;
    private final RoleGrants roleGrants;
    private final AuditLog audit;
    private final MessageSource messages;

    AdminController(Organization organization, RoleGrants roleGrants, AuditLog audit, MessageSource messages) {
        this.organization = organization;
        this.roleGrants = roleGrants;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping
    String overview(Model model) {
        model.addAttribute("municipalityCount", organization.municipalities().size());
        model.addAttribute("unitCount", organization.units().size());
        model.addAttribute("staffCount", organization.staff().size());
        return "admin/overview";
    }

    // municipalities ------------------------------------------------------------------------------

    @GetMapping("/municipalities")
    String municipalities(Model model) {
        return municipalitiesPage(model, MunicipalityForm.empty(), new FieldErrors(messages, MUNICIPALITY_LABELS));
    }

    /**
     * The rule for the name of a municipality or a unit: given, and at most {@value #MAX_NAME}
     * characters. Returns whether the name passed, so a caller can go on to its own checks.
     */
    private static boolean checkName(FieldErrors errors, String name) {
        if (FieldErrors.blank(name)) {
            errors.reject("name", "validation.required");
            return false;
        }
        if (name.trim().length() > MAX_NAME) {
            errors.reject("name", "organization.tooLong", MAX_NAME);
            return false;
        }
        return true;
    }

    @PostMapping("/municipalities")
    String createMunicipality(@ModelAttribute MunicipalityForm form, Model model, RedirectAttributes redirect) {
        var errors = new FieldErrors(messages, MUNICIPALITY_LABELS);
        if (checkName(errors, form.name())
                && organization.municipalities().stream().anyMatch(m -> m.name().equals(form.name().trim()))) {
            errors.reject("name", "organization.municipality.nameTaken");
        }
        var threshold = FieldErrors.integer(form.threshold());
        if (threshold == null || threshold < 2 || threshold > 50) {
            errors.reject("threshold", "organization.municipality.thresholdRange");
        }
        if (!errors.any()) {
            try {
                var id = organization.createMunicipality(form.name(), null, threshold);
                audit.success("CREATE_MUNICIPALITY", "municipality", id, null);
                redirect.addFlashAttribute("flash", text("organization.municipality.created", form.name().trim()));
                return "redirect:/admin/municipalities/" + id;
            } catch (Organization.AlreadyExistsException e) {
                errors.reject("name", "organization.municipality.nameTaken");
            }
        }
        return municipalitiesPage(model, form, errors);
    }

    private String municipalitiesPage(Model model, MunicipalityForm form, FieldErrors errors) {
        var unitCounts = new java.util.HashMap<Long, Integer>();
        organization.units().forEach(u -> unitCounts.merge(u.municipalityId(), 1, Integer::sum));
        model.addAttribute("municipalities", organization.municipalities());
        model.addAttribute("unitCounts", unitCounts);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        return "admin/municipalities";
    }

    // units -------------------------------------------------------------------------------------

    @GetMapping("/municipalities/{id}")
    String municipality(@PathVariable long id, Model model) {
        return municipalityPage(model, municipality(id), new UnitForm(""), new FieldErrors(messages, UNIT_LABELS));
    }

    @PostMapping("/municipalities/{id}/units")
    String createUnit(@PathVariable long id, @ModelAttribute UnitForm form, Model model, RedirectAttributes redirect) {
        var municipality = municipality(id);
        var errors = new FieldErrors(messages, UNIT_LABELS);
        checkName(errors, form.name());
        if (!errors.any()) {
            try {
                var unitId = organization.createUnit(id, form.name());
                audit.success("CREATE_UNIT", "unit", unitId, unitId);
                redirect.addFlashAttribute("flash", text("organization.unit.created", form.name().trim()));
                return "redirect:/admin/municipalities/" + id;
            } catch (Organization.AlreadyExistsException e) {
                errors.reject("name", "organization.unit.nameTaken", municipality.name());
            }
        }
        return municipalityPage(model, municipality, form, errors);
    }

    /** The age from which a young person's own consent is enough; the rule the round module applies. */
    @PostMapping("/municipalities/{id}/consent-age")
    String setOwnConsentAge(@PathVariable long id, @ModelAttribute ConsentAgeForm form, Model model,
                            Authentication authentication, RedirectAttributes redirect) {
        var municipality = municipality(id);
        var errors = new FieldErrors(messages, UNIT_LABELS);
        var age = FieldErrors.integer(form.ownConsentAge());
        if (age == null || age < Municipality.MIN_OWN_CONSENT_AGE || age > Municipality.MAX_OWN_CONSENT_AGE) {
            errors.reject("ownConsentAge", "consent.municipality.ageRange", Municipality.MIN_OWN_CONSENT_AGE,
                    Municipality.MAX_OWN_CONSENT_AGE);
            model.addAttribute("consentAgeForm", form);
            return municipalityPage(model, municipality, new UnitForm(""), errors);
        }
        organization.setOwnConsentAge(id, age);
        audit.record(authentication.getName(), "SET_OWN_CONSENT_AGE", "municipality", id, null, AuditLog.Outcome.SUCCESS,
                municipality.ownConsentAge() + " -> " + age);
        redirect.addFlashAttribute("flash", text("consent.municipality.ageSaved", age));
        return "redirect:/admin/municipalities/" + id;
    }

    /** How many months after closing a round's raw free text is kept; the rule the retention job applies. */
    @PostMapping("/municipalities/{id}/retention")
    String setTextRetention(@PathVariable long id, @ModelAttribute RetentionForm form, Model model,
                            Authentication authentication, RedirectAttributes redirect) {
        var municipality = municipality(id);
        var errors = new FieldErrors(messages, UNIT_LABELS);
        var months = FieldErrors.integer(form.textRetentionMonths());
        if (months == null || months < Municipality.MIN_TEXT_RETENTION_MONTHS
                || months > Municipality.MAX_TEXT_RETENTION_MONTHS) {
            errors.reject("textRetentionMonths", FieldErrors.blank(form.textRetentionMonths())
                            ? "closing.retention.required" : "closing.retention.range",
                    Municipality.MIN_TEXT_RETENTION_MONTHS, Municipality.MAX_TEXT_RETENTION_MONTHS);
            model.addAttribute("retentionForm", form);
            return municipalityPage(model, municipality, new UnitForm(""), errors);
        }
        organization.setTextRetentionMonths(id, months);
        audit.record(authentication.getName(), "SET_TEXT_RETENTION", "municipality", id, null, AuditLog.Outcome.SUCCESS,
                municipality.textRetentionMonths() + " -> " + months);
        redirect.addFlashAttribute("flash", text("closing.retention.saved", months));
        return "redirect:/admin/municipalities/" + id;
    }

    private String municipalityPage(Model model, Municipality municipality, UnitForm form, FieldErrors errors) {
        if (!model.containsAttribute("consentAgeForm")) {
            model.addAttribute("consentAgeForm", new ConsentAgeForm(String.valueOf(municipality.ownConsentAge())));
        }
        if (!model.containsAttribute("retentionForm")) {
            model.addAttribute("retentionForm", new RetentionForm(String.valueOf(municipality.textRetentionMonths())));
        }
        model.addAttribute("municipality", municipality);
        model.addAttribute("units", organization.unitsOf(municipality.id()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        return "admin/municipality";
    }

    @GetMapping("/units/{id}")
    String unit(@PathVariable long id, Model model) {
        var unit = unitOrNotFound(id);
        return unitPage(model, unit, new UnitForm(unit.name()), new FieldErrors(messages, UNIT_LABELS));
    }

    @PostMapping("/units/{id}")
    String renameUnit(@PathVariable long id, @ModelAttribute UnitForm form, Model model, Authentication authentication,
                      RedirectAttributes redirect) {
        var unit = unitOrNotFound(id);
        var errors = new FieldErrors(messages, UNIT_LABELS);
        checkName(errors, form.name());
        if (!errors.any()) {
            try {
                organization.renameUnit(id, form.name());
                audit.record(authentication.getName(), "RENAME_UNIT", "unit", id, id, AuditLog.Outcome.SUCCESS,
                        unit.name() + " -> " + form.name().trim());
                redirect.addFlashAttribute("flash", text("admin.unit.renamed", unit.name(), form.name().trim()));
                return "redirect:/admin/municipalities/" + unit.municipalityId();
            } catch (Organization.AlreadyExistsException e) {
                errors.reject("name", "organization.unit.nameTaken", unit.municipalityName());
            }
        }
        return unitPage(model, unit, form, errors);
    }

    private String unitPage(Model model, Unit unit, UnitForm form, FieldErrors errors) {
        model.addAttribute("unit", unit);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        return "admin/unit";
    }

    private Unit unitOrNotFound(long id) {
        return organization.unit(id).orElseThrow(NotFoundException::new);
    }

    private Municipality municipality(long id) {
        return organization.municipality(id).orElseThrow(NotFoundException::new);
    }

    // staff -------------------------------------------------------------------------------------

    @GetMapping("/staff")
    String staff(Model model) {
        model.addAttribute("staff", organization.staff());
        return "admin/staff";
    }

    @GetMapping("/staff/new")
    String newStaff(Model model) {
        return newStaffPage(model, StaffForm.empty(), new FieldErrors(messages, STAFF_LABELS));
    }

    @PostMapping("/staff")
    String createStaff(@ModelAttribute StaffForm form, Model model, RedirectAttributes redirect) {
        var errors = new FieldErrors(messages, STAFF_LABELS);
        var username = form.username() == null ? "" : form.username().trim().toLowerCase();
        if (username.isEmpty()) {
            errors.reject("username", "validation.required");
        } else if (!USERNAME.matcher(username).matches()) {
            errors.reject("username", "organization.staff.usernameFormat");
        } else if (organization.staffByUsername(username).isPresent()) {
            // Said together with the other errors; the insert below still guards against a race.
            errors.reject("username", "organization.staff.usernameTaken");
        }
        checkPerson(form.displayName(), form.title(), form.email(), errors);
        if (!PasswordRule.accepts(form.password())) {
            errors.reject("password", "organization.staff.passwordTooShort", PasswordRule.MIN_LENGTH);
        }
        if (!errors.any()) {
            try {
                var id = organization.createStaff(username, form.displayName(), form.title(), form.email(),
                        form.password(), form.isAdministrator());
                audit.success("CREATE_STAFF", "staff", username, null);
                redirect.addFlashAttribute("flash", text("organization.staff.created", form.displayName().trim()));
                return "redirect:/admin/staff/" + id;
            } catch (Organization.AlreadyExistsException e) {
                errors.reject("username", "organization.staff.usernameTaken");
            }
        }
        // The password is never sent back to the browser.
        var kept = new StaffForm(form.username(), form.displayName(), form.title(), form.email(), "", form.administrator());
        return newStaffPage(model, kept, errors);
    }

    private String newStaffPage(Model model, StaffForm form, FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        model.addAttribute("minPasswordLength", PasswordRule.MIN_LENGTH);
        return "admin/staff-new";
    }

    /** The checks that creating and editing a person share: a name, and a title and e-mail that fit. */
    private static void checkPerson(String displayName, String title, String email, FieldErrors errors) {
        if (FieldErrors.blank(displayName)) {
            errors.reject("displayName", "validation.required");
        } else if (displayName.trim().length() > MAX_NAME) {
            errors.reject("displayName", "organization.tooLong", MAX_NAME);
        }
        if (title != null && title.trim().length() > MAX_NAME) {
            errors.reject("title", "organization.tooLong", MAX_NAME);
        }
        if (!FieldErrors.blank(email) && (email.trim().length() > MAX_NAME || !EMAIL.matcher(email.trim()).matches())) {
            errors.reject("email", "organization.staff.emailFormat");
        }
    }

    @GetMapping("/staff/{id}/edit")
    String editStaff(@PathVariable long id, Model model) {
        var staff = staffMember(id);
        return editStaffPage(model, staff, StaffEditForm.of(staff), new FieldErrors(messages, STAFF_LABELS));
    }

    @PostMapping("/staff/{id}/edit")
    String updateStaff(@PathVariable long id, @ModelAttribute StaffEditForm form, Model model,
                       Authentication authentication, RedirectAttributes redirect) {
        var staff = staffMember(id);
        var errors = new FieldErrors(messages, STAFF_LABELS);
        checkPerson(form.displayName(), form.title(), form.email(), errors);
        var removesAdministrator = staff.administrator() && !form.isAdministrator();
        if (removesAdministrator && staff.username().equals(authentication.getName())) {
            // Another administrator must take the right away, so no one is left without one by mistake.
            errors.reject("administrator", "admin.staff.cannotRemoveOwnAdministrator");
            refused(authentication, "UPDATE_STAFF", staff, "own administrator right");
        }
        if (!errors.any()) {
            try {
                organization.updateStaff(id, form.displayName(), form.title(), form.email(), form.isAdministrator());
                audit.record(authentication.getName(), "UPDATE_STAFF", "staff", staff.username(), null,
                        AuditLog.Outcome.SUCCESS, changes(staff, form));
                redirect.addFlashAttribute("flash", text("admin.staff.saved", form.displayName().trim()));
                return "redirect:/admin/staff/" + id;
            } catch (Organization.LastAdministratorException e) {
                errors.reject("administrator", "admin.staff.lastAdministrator", staff.displayName());
                refused(authentication, "UPDATE_STAFF", staff, "last administrator");
            }
        }
        return editStaffPage(model, staff, form, errors);
    }

    /** Which fields changed, for the audit log: names of fields, not their contents. */
    private static String changes(StaffMember before, StaffEditForm after) {
        var changed = new ArrayList<String>();
        if (!before.displayName().equals(after.displayName().trim())) {
            changed.add("displayName");
        }
        if (!java.util.Objects.equals(blankToNull(before.title()), blankToNull(after.title()))) {
            changed.add("title");
        }
        if (!java.util.Objects.equals(blankToNull(before.email()), blankToNull(after.email()))) {
            changed.add("email");
        }
        if (before.administrator() != after.isAdministrator()) {
            changed.add("administrator " + before.administrator() + " -> " + after.isAdministrator());
        }
        return changed.isEmpty() ? "nothing changed" : "changed: " + String.join(", ", changed);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String editStaffPage(Model model, StaffMember staff, StaffEditForm form, FieldErrors errors) {
        model.addAttribute("staffMember", staff);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        return "admin/staff-edit";
    }

    @GetMapping("/staff/{id}/password")
    String resetPasswordPage(@PathVariable long id, Model model) {
        return resetPasswordPage(model, staffMember(id), new FieldErrors(messages, STAFF_LABELS));
    }

    /**
     * Sets a temporary password and shows it once, on this answer: it is not redirected, so it never
     * passes through the session, which lives in the database.
     */
    @PostMapping("/staff/{id}/password")
    String resetPassword(@PathVariable long id, @ModelAttribute PasswordResetForm form, Model model,
                         Authentication authentication, HttpServletResponse response) {
        var staff = staffMember(id);
        var errors = new FieldErrors(messages, STAFF_LABELS);
        if (staff.username().equals(authentication.getName())) {
            errors.reject("temporaryPassword", "admin.password.notYourOwn");
            refused(authentication, "RESET_PASSWORD", staff, "own password");
        } else if (!FieldErrors.blank(form.temporaryPassword()) && !PasswordRule.accepts(form.temporaryPassword())) {
            errors.reject("temporaryPassword", "organization.staff.passwordTooShort", PasswordRule.MIN_LENGTH);
        }
        if (errors.any()) {
            return resetPasswordPage(model, staff, errors);
        }
        var generated = FieldErrors.blank(form.temporaryPassword());
        var temporary = generated ? TemporaryPassword.generate() : form.temporaryPassword();
        organization.resetPassword(id, temporary);
        audit.record(authentication.getName(), "RESET_PASSWORD", "staff", staff.username(), null,
                AuditLog.Outcome.SUCCESS, generated ? "temporary password made by Delaktig" : "temporary password set by the administrator");
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("staffMember", staff);
        model.addAttribute("temporaryPassword", generated ? temporary : null);
        return "admin/staff-password-done";
    }

    private String resetPasswordPage(Model model, StaffMember staff, FieldErrors errors) {
        model.addAttribute("staffMember", staff);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        model.addAttribute("minPasswordLength", PasswordRule.MIN_LENGTH);
        return "admin/staff-password";
    }

    /** A refused change is audited too: who tried what, and why it was refused. */
    private void refused(Authentication authentication, String action, StaffMember staff, String why) {
        audit.record(authentication.getName(), action, "staff", staff.username(), null, AuditLog.Outcome.DENIED, why);
    }

    @GetMapping("/staff/{id}")
    String staffMember(@PathVariable long id, Model model) {
        return staffPage(model, staffMember(id), new RoleForm("", ""), new FieldErrors(messages, STAFF_LABELS));
    }

    @PostMapping("/staff/{id}/enabled")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, Authentication authentication,
                      RedirectAttributes redirect) {
        var staff = staffMember(id);
        if (!enabled && staff.username().equals(authentication.getName())) {
            // Locking oneself out could leave the installation without an administrator.
            refused(authentication, "DISABLE_STAFF", staff, "own account");
            redirect.addFlashAttribute("flashError", text("organization.staff.cannotDisableSelf"));
            return "redirect:/admin/staff/" + id;
        }
        try {
            organization.setEnabled(id, enabled);
        } catch (Organization.LastAdministratorException e) {
            refused(authentication, "DISABLE_STAFF", staff, "last administrator");
            redirect.addFlashAttribute("flashError", text("admin.staff.lastAdministrator", staff.displayName()));
            return "redirect:/admin/staff/" + id;
        }
        audit.record(authentication.getName(), enabled ? "ENABLE_STAFF" : "DISABLE_STAFF", "staff", staff.username(), null,
                AuditLog.Outcome.SUCCESS, enabled ? null : "sessions ended, API tokens revoked");
        redirect.addFlashAttribute("flash", text(enabled ? "organization.staff.enabledNow" : "organization.staff.disabledNow",
                staff.displayName()));
        return "redirect:/admin/staff/" + id;
    }

    @PostMapping("/staff/{id}/roles")
    String grant(@PathVariable long id, @ModelAttribute RoleForm form, Model model, Authentication authentication,
                 RedirectAttributes redirect) {
        var staff = staffMember(id);
        var errors = new FieldErrors(messages, STAFF_LABELS);
        var unitId = FieldErrors.integer(form.unitId());
        var unit = unitId == null ? null : organization.unit(unitId).orElse(null);
        if (unit == null) {
            errors.reject("unitId", "organization.role.chooseUnit");
        }
        var role = role(form.role());
        if (role == null) {
            errors.reject("role", "organization.role.chooseRole");
        }
        if (errors.any()) {
            return staffPage(model, staff, form, errors);
        }
        var outcome = roleGrants.request(id, unit.id(), role, authentication.getName());
        if (outcome == RoleGrants.Outcome.PENDING) {
            audit.record(authentication.getName(), "REQUEST_ROLE", "staff", staff.username(), unit.id(),
                    AuditLog.Outcome.SUCCESS, role.name() + " waits for a second person");
            redirect.addFlashAttribute("flash", text("organization.role.pending", staff.displayName(),
                    text("organization.role." + role.name()), unit.fullName()));
        } else {
            audit.record(authentication.getName(), "GRANT_ROLE", "staff", staff.username(), unit.id(),
                    AuditLog.Outcome.SUCCESS, role.name());
            redirect.addFlashAttribute("flash", text("organization.role.granted", staff.displayName(),
                    text("organization.role." + role.name()), unit.fullName()));
        }
        return "redirect:/admin/staff/" + id;
    }

    @PostMapping("/staff/{id}/roles/revoke")
    String revoke(@PathVariable long id, @ModelAttribute RoleForm form, RedirectAttributes redirect) {
        var staff = staffMember(id);
        var unitId = FieldErrors.integer(form.unitId());
        var role = role(form.role());
        var unit = unitId == null ? null : organization.unit(unitId).orElse(null);
        if (unit == null || role == null) {
            throw new NotFoundException();
        }
        organization.revoke(id, unit.id(), role);
        audit.record("REVOKE_ROLE", "staff", staff.username(), unit.id(), AuditLog.Outcome.SUCCESS);
        redirect.addFlashAttribute("flash", text("organization.role.revoked", staff.displayName(),
                text("organization.role." + role.name()), unit.fullName()));
        return "redirect:/admin/staff/" + id;
    }

    private String staffPage(Model model, StaffMember staff, RoleForm form, FieldErrors errors) {
        var roles = organization.rolesByUnit(staff.id());
        var rows = new ArrayList<UnitRoles>();
        for (var unit : organization.units(roles.keySet())) {
            rows.add(new UnitRoles(unit, roles.get(unit.id()).stream().sorted(Comparator.naturalOrder()).toList()));
        }
        model.addAttribute("staffMember", staff);
        model.addAttribute("mustChangePassword", organization.mustChangePassword(staff.username()));
        model.addAttribute("unitRoles", rows);
        model.addAttribute("pendingRoles", roleGrants.openFor(currentUsername()).stream()
                .filter(r -> r.staffId() == staff.id()).toList());
        model.addAttribute("units", organization.units());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("errorSummary", errors.summary());
        return "admin/staff-member";
    }

    private static String currentUsername() {
        return org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private StaffMember staffMember(long id) {
        return organization.staffMember(id).orElseThrow(NotFoundException::new);
    }

    private static Role role(String name) {
        for (var role : Role.values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
