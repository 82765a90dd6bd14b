package se.delaktig.decision.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.FollowUp;
import se.delaktig.decision.Outcome;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * A round's decisions page: the proposals in rank order, each with its decision form, its history and
 * its actions, and the follow-up of the previous round's actions. Every form re-renders with what was
 * typed when it is refused, with the errors next to that form's fields.
 */
@Controller
class DecisionController {

    /** What is typed for a decision; everything stays text so a mistyped date is shown back. */
    record DecisionForm(String outcome, String reason, String body, String decidedOn, String decidedBy, String replaces) {

        Decisions.DecisionInput input(long proposalId) {
            var outcome = Decisions.choice(Outcome.class, "outcome", this.outcome);
            var body = Decisions.choice(DecidingBody.class, "body", this.body);
            var date = Decisions.date("decidedOn", decidedOn);
            Long replacing = replaces == null || replaces.isBlank() ? null : parseLong(replaces);
            return new Decisions.DecisionInput(proposalId, outcome, reason, body, date, decidedBy, replacing);
        }
    }

    /** What is typed for a new action. */
    record ActionForm(String text, String ownerId, String deadline) {

        Decisions.NewAction input(long proposalId) {
            Long owner = ownerId == null || ownerId.isBlank() ? null : parseLong(ownerId);
            return new Decisions.NewAction(proposalId, text, owner, Decisions.date("deadline", deadline));
        }
    }

    private final Decisions decisions;
    private final FollowUp followUp;
    private final MessageSource messages;

    DecisionController(Decisions decisions, FollowUp followUp, MessageSource messages) {
        this.decisions = decisions;
        this.followUp = followUp;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/decisions")
    String page(@PathVariable long id, Model model) {
        return page(id, null, null, null, null, FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/decisions/{proposalId}")
    String decide(@PathVariable long id, @PathVariable long proposalId, @ModelAttribute DecisionForm form, Model model,
                  Locale locale, RedirectAttributes redirect) {
        try {
            decisions.decide(id, form.input(proposalId));
            redirect.addFlashAttribute("flash", messages.getMessage("decision.saved", null, locale));
            return "redirect:/rounds/" + id + "/decisions#proposal-" + proposalId;
        } catch (InvalidInputException e) {
            return page(id, proposalId, form, null, null, FormErrors.of(e, messages, locale), model);
        }
    }

    @PostMapping("/rounds/{id}/decisions/{proposalId}/actions")
    String addAction(@PathVariable long id, @PathVariable long proposalId, @ModelAttribute ActionForm form, Model model,
                     Locale locale, RedirectAttributes redirect) {
        try {
            decisions.addAction(id, form.input(proposalId));
            redirect.addFlashAttribute("flash", messages.getMessage("decision.action.added", null, locale));
            return "redirect:/rounds/" + id + "/decisions#actions-" + proposalId;
        } catch (InvalidInputException e) {
            return page(id, null, null, proposalId, form, FormErrors.of(e, messages, locale), model);
        }
    }

    private String page(long id, Long decisionProposal, DecisionForm decisionForm, Long actionProposal,
                        ActionForm actionForm, FormErrors errors, Model model) {
        var data = decisions.forRound(id);
        model.addAttribute("data", data);
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("bodies", DecidingBody.values());
        model.addAttribute("statuses", ActionStatus.values());
        model.addAttribute("today", java.time.LocalDate.now(se.delaktig.audit.AuditLog.ZONE).toString());
        model.addAttribute("decisionProposal", decisionProposal == null ? -1L : decisionProposal);
        model.addAttribute("decisionForm", decisionForm);
        model.addAttribute("actionProposal", actionProposal == null ? -1L : actionProposal);
        model.addAttribute("actionForm", actionForm);
        model.addAttribute("errors", errors);
        model.addAttribute("previousRound", followUp.previousRound(id).orElse(null));
        model.addAttribute("followUp", followUp.previousRoundActions(id));
        return "decision/decisions";
    }

    static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
