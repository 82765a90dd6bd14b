package se.delaktig.audit.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import se.delaktig.audit.AuditLog;

/**
 * The review page for log follow-up (logguppföljning): who did what with which record, and when.
 * Administrators see everything; process leads see their own units and themselves.
 */
@Controller
class AuditController {

    static final int LIMIT = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(AuditLog.ZONE);

    /** The filter exactly as typed, so it comes back in the form even when a date is wrong. */
    record FilterForm(String actor, String recordType, String recordId, String from, String to) {
    }

    record Row(String time, String isoTime, String actor, String action, String recordType, String recordId,
               String outcome, String detail) {
    }

    private final AuditLog audit;
    private final AuditLog.Readers readers;
    private final MessageSource messages;

    AuditController(AuditLog audit, AuditLog.Readers readers, MessageSource messages) {
        this.audit = audit;
        this.readers = readers;
        this.messages = messages;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasAnyRole('ADMIN','PROCESS_LEAD')")
    String review(@ModelAttribute("filter") FilterForm form, Model model) {
        var errors = new LinkedHashMap<String, String>();
        var from = date(form.from(), "from", errors);
        var to = date(form.to(), "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", text("audit.filter.toBeforeFrom"));
        }
        model.addAttribute("errors", errors);
        model.addAttribute("recordTypes", audit.recordTypes());
        model.addAttribute("limit", LIMIT);
        if (!errors.isEmpty()) {
            model.addAttribute("rows", java.util.List.of());
            model.addAttribute("limitReached", false);
            return "audit/review";
        }
        var filter = new AuditLog.Filter(form.actor(), form.recordType(), form.recordId(), from, to);
        // One more than shown tells whether the limit cut the list.
        var entries = audit.find(filter, readers.currentScope(), LIMIT + 1);
        model.addAttribute("limitReached", entries.size() > LIMIT);
        model.addAttribute("rows", entries.stream().limit(LIMIT)
                .map(e -> new Row(TIME.format(e.occurredAt()), e.occurredAt().toString(), e.actor(), e.action(),
                        e.recordType(), e.recordId(), e.outcome(), e.detail()))
                .toList());
        return "audit/review";
    }

    private LocalDate date(String text, String field, java.util.Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, text("audit.filter.dateFormat"));
            return null;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
