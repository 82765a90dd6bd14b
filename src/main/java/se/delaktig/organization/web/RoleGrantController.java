package se.delaktig.organization.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.RoleGrants;
import se.delaktig.organization.StaffMember;
import se.delaktig.web.NotFoundException;

/**
 * Roles waiting for a second person: administrators see every request, a unit manager those of
 * their units. The one who asked may withdraw; someone else may approve or reject.
 */
@Controller
class RoleGrantController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(AuditLog.ZONE);

    /** A request with what the page needs to know about the viewer. */
    record Row(RoleGrants.Request request, String requestedAt, String decidedAt, boolean mayDecide, boolean mine) {
    }

    private final RoleGrants roleGrants;
    private final Organization organization;
    private final AuditLog audit;
    private final MessageSource messages;

    RoleGrantController(RoleGrants roleGrants, Organization organization, AuditLog audit, MessageSource messages) {
        this.roleGrants = roleGrants;
        this.organization = organization;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/role-grants")
    String list(Authentication authentication, Model model) {
        var me = me(authentication);
        if (!me.administrator() && !organization.rolesByUnit(me.id()).values().stream()
                .anyMatch(r -> r.contains(se.delaktig.organization.Role.UNIT_MANAGER))) {
            throw new NotFoundException();
        }
        model.addAttribute("open", roleGrants.openFor(me.username()).stream().map(r -> row(r, me)).toList());
        model.addAttribute("decided", roleGrants.recentlyDecidedFor(me.username()).stream().map(r -> row(r, me)).toList());
        return "admin/role-grants";
    }

    @PostMapping("/role-grants/{id}/approve")
    String approve(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        var request = visible(id, authentication);
        try {
            roleGrants.approve(id, authentication.getName());
        } catch (RoleGrants.NotAllowedException e) {
            audit.record(authentication.getName(), "APPROVE_ROLE", "role_grant_request", id, request.unitId(),
                    AuditLog.Outcome.DENIED, e.getMessage());
            redirect.addFlashAttribute("flash", text("organization.grant.notSecondPerson"));
            return "redirect:/role-grants";
        }
        audit.record(authentication.getName(), "APPROVE_ROLE", "role_grant_request", id, request.unitId(),
                AuditLog.Outcome.SUCCESS, request.role().name() + " for staff " + request.staffId());
        redirect.addFlashAttribute("flash", text("organization.grant.approved", request.staffName(),
                text("organization.role." + request.role().name()), request.unitName()));
        return "redirect:/role-grants";
    }

    @PostMapping("/role-grants/{id}/reject")
    String reject(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        var request = visible(id, authentication);
        RoleGrants.Request decided;
        try {
            decided = roleGrants.reject(id, authentication.getName());
        } catch (RoleGrants.NotAllowedException e) {
            audit.record(authentication.getName(), "REJECT_ROLE", "role_grant_request", id, request.unitId(),
                    AuditLog.Outcome.DENIED, e.getMessage());
            redirect.addFlashAttribute("flash", text("organization.grant.notSecondPerson"));
            return "redirect:/role-grants";
        }
        audit.record(authentication.getName(), "WITHDRAWN".equals(decided.outcome()) ? "WITHDRAW_ROLE" : "REJECT_ROLE",
                "role_grant_request", id, request.unitId(), AuditLog.Outcome.SUCCESS, request.role().name());
        redirect.addFlashAttribute("flash", text("organization.grant." + decided.outcome().toLowerCase(),
                request.staffName(), text("organization.role." + request.role().name()), request.unitName()));
        return "redirect:/role-grants";
    }

    /** A request the person may see; anything else is answered like one that does not exist. */
    private RoleGrants.Request visible(long id, Authentication authentication) {
        return roleGrants.openFor(authentication.getName()).stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    private Row row(RoleGrants.Request r, StaffMember me) {
        return new Row(r, time(r.requestedAt()), time(r.decidedAt()), r.open() && roleGrants.mayDecide(me, r),
                r.requestedById() == me.id());
    }

    private StaffMember me(Authentication authentication) {
        return organization.staffByUsername(authentication.getName()).filter(StaffMember::enabled)
                .orElseThrow(NotFoundException::new);
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
