package se.delaktig.round.web;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * Closing a round: a confirmation page that says what is destroyed now, what is shredded later and
 * what remains, and the form that closes the round only when the process lead has ticked that they
 * understand it cannot be undone. Only the round's process lead; anyone else gets a 404.
 */
@Controller
class ClosingController {

    private final RoundService rounds;
    private final MessageSource messages;

    ClosingController(RoundService rounds, MessageSource messages) {
        this.rounds = rounds;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/close")
    String confirm(@PathVariable long id, Model model) {
        var round = rounds.getManaged(id);
        if (round.stage() == Stage.CLOSED) {
            return "redirect:/rounds/" + id;
        }
        return page(round, FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/close")
    String close(@PathVariable long id, @RequestParam(name = "confirm", required = false) String confirm, Model model,
                 Locale locale, RedirectAttributes redirect) {
        try {
            rounds.close(id, "true".equals(confirm));
            redirect.addFlashAttribute("flash", messages.getMessage("closing.closed", null, locale));
            return "redirect:/rounds/" + id;
        } catch (InvalidInputException e) {
            return page(rounds.getManaged(id), FormErrors.of(e, messages, locale), model);
        }
    }

    private String page(Round round, FormErrors errors, Model model) {
        var months = rounds.retentionMonths(round.unitId());
        model.addAttribute("round", round);
        model.addAttribute("retentionMonths", months);
        model.addAttribute("shredOn", LocalDate.now(AuditLog.ZONE).plusMonths(months));
        model.addAttribute("mayClose", round.stage() == Stage.FEEDBACK);
        model.addAttribute("errors", errors);
        return "round/close";
    }
}
