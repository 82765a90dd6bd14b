package se.delaktig.audit.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import se.delaktig.audit.AuditChain;
import se.delaktig.audit.AuditLog;

/**
 * The administrator's check of the audit log's hash chain, as a page next to the review page and as
 * {@code GET /api/v1/audit/chain} for scripts and monitoring. Each check is itself logged.
 */
@Controller
class AuditChainController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AuditLog.ZONE);

    /**
     * The API answer. {@code firstBreak} is null when the chain is intact; {@code unsealed} counts the rows
     * written but not yet linked into the chain when the check ended (they are sealed within about a second).
     */
    record ChainReport(boolean intact, long rowsChecked, long tookMillis, BreakReport firstBreak, long unsealed) {
    }

    record BreakReport(long id, Instant occurredAt, AuditChain.Problem problem, String description) {
    }

    private final AuditChain chain;
    private final AuditLog audit;
    private final MessageSource messages;

    AuditChainController(AuditChain chain, AuditLog audit, MessageSource messages) {
        this.chain = chain;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/audit/chain")
    @PreAuthorize("hasRole('ADMIN')")
    String page(@RequestParam(name = "check", required = false) String check, Model model) {
        if (check != null) {
            var verification = verify();
            model.addAttribute("verification", verification);
            var broken = verification.firstBreak();
            if (broken != null) {
                model.addAttribute("breakTime", broken.occurredAt() == null ? null : TIME.format(broken.occurredAt()));
                model.addAttribute("breakDescription", describe(broken.problem()));
            }
        }
        return "audit/chain";
    }

    @GetMapping(path = "/api/v1/audit/chain", produces = "application/json")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseBody
    ChainReport api() {
        var verification = verify();
        var broken = verification.firstBreak();
        return new ChainReport(verification.intact(), verification.rowsChecked(), verification.took().toMillis(),
                broken == null ? null : new BreakReport(broken.id(), broken.occurredAt(), broken.problem(), describe(broken.problem())),
                verification.unsealed());
    }

    private AuditChain.Verification verify() {
        var verification = chain.verify();
        var broken = verification.firstBreak();
        if (broken == null) {
            audit.record("VERIFY_AUDIT_CHAIN", "audit_event", null, null, AuditLog.Outcome.SUCCESS);
        } else {
            audit.record(currentActor(), "VERIFY_AUDIT_CHAIN", "audit_event", broken.id(), null, AuditLog.Outcome.FAILURE,
                    "first broken link: " + broken.problem());
        }
        return verification;
    }

    private static String currentActor() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    private String describe(AuditChain.Problem problem) {
        var key = "auditchain.problem." + problem.name();
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
