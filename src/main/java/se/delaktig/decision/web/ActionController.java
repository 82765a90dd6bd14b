package se.delaktig.decision.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.decision.Action;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.StaleChangeException;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/** The unit's actions across rounds, and one action with its change form and log of notes. */
@Controller
class ActionController {

    /** What is typed to change an action; {@code version} is the copy the form was made from. */
    record ChangeForm(String text, String ownerId, String deadline, String status, String version) {

        static ChangeForm of(Action action) {
            return new ChangeForm(action.text(), String.valueOf(action.ownerId()), action.deadline().toString(),
                    action.status().name(), String.valueOf(action.version()));
        }

        Decisions.ActionChange input() {
            Long owner = ownerId == null || ownerId.isBlank() ? null : DecisionController.parseLong(ownerId);
            // A missing or garbled version can never match, so the change is refused as stale, never forced.
            int copy = version == null || version.isBlank() ? -1 : (int) DecisionController.parseLong(version);
            return new Decisions.ActionChange(text, owner, Decisions.date("deadline", deadline),
                    Decisions.choice(ActionStatus.class, "status", status), copy);
        }
    }

    private final Decisions decisions;
    private final MessageSource messages;

    ActionController(Decisions decisions, MessageSource messages) {
        this.decisions = decisions;
        this.messages = messages;
    }

    @GetMapping("/actions")
    String list(@RequestParam(required = false) boolean mine, @RequestParam(required = false) boolean overdue,
                @RequestParam(required = false) String status, Model model) {
        ActionStatus chosen;
        try {
            chosen = Decisions.choice(ActionStatus.class, "status", status);
        } catch (InvalidInputException e) {
            chosen = null;
        }
        model.addAttribute("actions", decisions.actions(new Decisions.ActionFilter(mine, overdue, chosen)));
        model.addAttribute("mine", mine);
        model.addAttribute("overdue", overdue);
        model.addAttribute("status", chosen == null ? "" : chosen.name());
        model.addAttribute("statuses", ActionStatus.values());
        return "decision/actions";
    }

    @GetMapping("/actions/{id}")
    String show(@PathVariable long id, Model model) {
        var action = decisions.action(id);
        return page(action, ChangeForm.of(action), "", FormErrors.none(), false, model);
    }

    @PostMapping("/actions/{id}")
    String change(@PathVariable long id, @ModelAttribute ChangeForm form, Model model, Locale locale,
                  RedirectAttributes redirect) {
        try {
            decisions.updateAction(id, form.input());
            redirect.addFlashAttribute("flash", messages.getMessage("decision.action.saved", null, locale));
            return "redirect:/actions/" + id;
        } catch (InvalidInputException e) {
            var current = decisions.action(id);
            // On a stale copy the form shows what is saved now; what the person typed is shown beside it.
            var stale = e instanceof StaleChangeException;
            return page(current, stale ? ChangeForm.of(current) : form, "", FormErrors.of(e, messages, locale),
                    stale, model, stale ? form : null);
        }
    }

    @PostMapping("/actions/{id}/notes")
    String note(@PathVariable long id, @RequestParam(required = false) String note, Model model, Locale locale,
                RedirectAttributes redirect) {
        try {
            decisions.addNote(id, note);
            redirect.addFlashAttribute("flash", messages.getMessage("decision.action.noted", null, locale));
            return "redirect:/actions/" + id + "#notes";
        } catch (InvalidInputException e) {
            var action = decisions.action(id);
            return page(action, ChangeForm.of(action), note, FormErrors.of(e, messages, locale), false, model);
        }
    }

    private String page(Action action, ChangeForm form, String note, FormErrors errors, boolean stale, Model model) {
        return page(action, form, note, errors, stale, model, null);
    }

    private String page(Action action, ChangeForm form, String note, FormErrors errors, boolean stale, Model model,
                        ChangeForm typed) {
        model.addAttribute("action", action);
        model.addAttribute("permission", decisions.permission(action).name());
        model.addAttribute("owners", decisions.owners(action));
        model.addAttribute("statuses", ActionStatus.values());
        model.addAttribute("form", form);
        model.addAttribute("typed", typed);
        model.addAttribute("note", note);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        return "decision/action";
    }
}
