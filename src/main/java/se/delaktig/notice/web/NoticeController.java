package se.delaktig.notice.web;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.notice.Notice;
import se.delaktig.notice.Notices;

/** The list of notices, and marking one as handled. */
@Controller
class NoticeController {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Notices notices;
    private final MessageSource messages;

    NoticeController(Notices notices, MessageSource messages) {
        this.notices = notices;
        this.messages = messages;
    }

    /** A notice with its times written out for the page. */
    record NoticeRow(Notice notice, String raisedAt, String acknowledgedAt) {
    }

    @GetMapping("/notices")
    String list(Model model) {
        var all = notices.mine().stream()
                .map(n -> new NoticeRow(n, time(n.raisedAt()), n.acknowledgedAt() == null ? null : time(n.acknowledgedAt())))
                .toList();
        model.addAttribute("open", all.stream().filter(r -> !r.notice().acknowledged()).toList());
        model.addAttribute("handled", all.stream().filter(r -> r.notice().acknowledged()).toList());
        model.addAttribute("grantsWaiting", notices.roleGrantsAwaitingMe());
        model.addAttribute("grantsGiven", notices.roleGrantsGivenRecently());
        return "notice/list";
    }

    @PostMapping("/notices/{id}/acknowledge")
    String acknowledge(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        notices.acknowledge(id);
        redirect.addFlashAttribute("flash", messages.getMessage("notice.flash.acknowledged", null, locale));
        return "redirect:/notices";
    }

    private static String time(java.time.Instant instant) {
        return DATE_TIME.format(instant.atZone(AuditLog.ZONE));
    }

}
