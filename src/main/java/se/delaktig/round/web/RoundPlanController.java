package se.delaktig.round.web;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.guide.Guides;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The plan of a round after it was created: title, period, guide version, target and seminar date,
 * for the round's process lead while the round is open. The guide is shown but cannot be chosen
 * once an interview has been opened, with the reason on the page.
 */
@Controller
class RoundPlanController {

    private final RoundService rounds;
    private final Guides guides;
    private final MessageSource messages;

    RoundPlanController(RoundService rounds, Guides guides, MessageSource messages) {
        this.rounds = rounds;
        this.guides = guides;
        this.messages = messages;
    }

    /** What the plan form sends; dates as ISO (the date input's format); the version the page showed. */
    record PlanForm(String title, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate periodStart,
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate periodEnd, Long guideId,
                    Integer targetChildren, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate seminarDate,
                    Integer version) {

        static PlanForm of(Round round) {
            return new PlanForm(round.title(), round.periodStart(), round.periodEnd(), round.guideId(),
                    round.targetChildren(), round.seminarDate(), round.version());
        }

        RoundService.PlanChange change() {
            return new RoundService.PlanChange(new RoundService.Plan(title, periodStart, periodEnd, targetChildren,
                    seminarDate), guideId, version);
        }

        PlanForm withVersion(Integer newVersion) {
            return new PlanForm(title, periodStart, periodEnd, guideId, targetChildren, seminarDate, newVersion);
        }
    }

    @GetMapping("/rounds/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        var round = rounds.getManaged(id);
        return page(round, model, PlanForm.of(round), FormErrors.none());
    }

    @PostMapping("/rounds/{id}/edit")
    String save(@PathVariable long id, @ModelAttribute("plan") PlanForm form, BindingResult binding, Model model,
                Locale locale, RedirectAttributes redirect) {
        var round = rounds.getManaged(id);
        if (binding.hasErrors()) {
            return page(round, model, form, FormErrors.of(binding, messages, locale));
        }
        try {
            var saved = rounds.edit(id, form.change());
            redirect.addFlashAttribute("flash", messages.getMessage(
                    saved.version().equals(round.version()) ? "round.edit.unchanged" : "round.edit.saved", null, locale));
            return "redirect:/rounds/" + id;
        } catch (InvalidInputException e) {
            // After someone else's save the form keeps what was typed, and a second save goes through on purpose.
            var kept = "version".equals(e.field()) ? form.withVersion(round.version()) : form;
            return page(round, model, kept, FormErrors.of(e, messages, locale));
        }
    }

    private String page(Round round, Model model, PlanForm form, FormErrors errors) {
        model.addAttribute("round", round);
        model.addAttribute("plan", form);
        model.addAttribute("errors", errors);
        model.addAttribute("closed", round.stage() == Stage.CLOSED);
        model.addAttribute("guides", guides.all());
        model.addAttribute("currentGuide", guides.find(round.guideId()).map(g -> g.name() + ", version " + g.version())
                .orElse(""));
        model.addAttribute("guideChangeable", round.stage() != Stage.CLOSED && rounds.guideChangeable(round));
        model.addAttribute("renamedFrom", rounds.titleBeforeRenaming(round.id()).orElse(null));
        return "round/edit";
    }
}
