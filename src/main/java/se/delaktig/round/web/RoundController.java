package se.delaktig.round.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.access.CurrentActor;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.Unit;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.RoundSnapshot;
import se.delaktig.round.Stage;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

@Controller
class RoundController {

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final Organization organization;
    private final MessageSource messages;
    private final CurrentActor currentActor;
    private final RoundGuide guide;

    RoundController(RoundService rounds, ParticipantService participants, Guides guides, Organization organization,
                    MessageSource messages, CurrentActor currentActor, RoundGuide guide) {
        this.currentActor = currentActor;
        this.guide = guide;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.organization = organization;
        this.messages = messages;
    }

    /** What the planning form sends; dates as ISO (the date input's format). */
    record RoundForm(Long unitId, Long guideId, String title,
                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate periodStart,
                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate periodEnd,
                     Integer targetChildren,
                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate seminarDate) {

        RoundService.Plan plan() {
            return new RoundService.Plan(title, periodStart, periodEnd, targetChildren, seminarDate);
        }
    }

    @GetMapping("/rounds")
    String list(Model model) {
        var visible = rounds.visible();
        var units = organization.units(visible.stream().map(Round::unitId).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Unit::id, Function.identity()));
        model.addAttribute("rounds", visible);
        model.addAttribute("units", units);
        model.addAttribute("canCreate", !rounds.unitsForNewRound().isEmpty());
        return "round/list";
    }

    @GetMapping("/rounds/new")
    String newRound(Model model) {
        var year = LocalDate.now().getYear();
        var latestGuide = guides.latest().map(Guides.Summary::id).orElse(null);
        var units = rounds.unitsForNewRound();
        var defaultUnit = units.size() == 1 ? units.get(0).id() : null;
        return form(model, new RoundForm(defaultUnit, latestGuide, "Barns röster " + year,
                LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), 8, null), FormErrors.none());
    }

    @PostMapping("/rounds")
    String create(@ModelAttribute("round") RoundForm form, BindingResult binding, Model model, Locale locale,
                  RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return form(model, form, FormErrors.of(binding, messages, locale));
        }
        if (form.unitId() == null || rounds.unitsForNewRound().stream().noneMatch(u -> u.id() == form.unitId())) {
            return form(model, form, FormErrors.of(new InvalidInputException("unitId", "round.unit.required"), messages, locale));
        }
        if (form.guideId() == null) {
            return form(model, form, FormErrors.of(new InvalidInputException("guideId", "round.guide.missing"), messages, locale));
        }
        try {
            var round = rounds.create(form.unitId(), form.guideId(), form.plan());
            redirect.addFlashAttribute("flash", messages.getMessage("round.created", new Object[]{round.title()}, locale));
            return "redirect:/rounds/" + round.id();
        } catch (InvalidInputException e) {
            return form(model, form, FormErrors.of(e, messages, locale));
        }
    }

    private String form(Model model, RoundForm form, FormErrors errors) {
        model.addAttribute("round", form);
        model.addAttribute("errors", errors);
        model.addAttribute("units", rounds.unitsForNewRound());
        model.addAttribute("guides", guides.all());
        return "round/new";
    }

    @GetMapping("/rounds/{id}")
    String show(@PathVariable long id, Model model) {
        return page(rounds.get(id), model);
    }

    private String page(Round round, Model model) {
        var id = round.id();
        var list = participants.of(id);
        Map<String, Long> consent = list.stream()
                .collect(Collectors.groupingBy(p -> p.consent().name(), Collectors.counting()));
        var canManage = rounds.canManage(round);
        model.addAttribute("round", round);
        model.addAttribute("unit", organization.unit(round.unitId()).orElseThrow());
        model.addAttribute("guide", guides.find(round.guideId()).orElseThrow());
        model.addAttribute("participants", list);
        model.addAttribute("consentCounts", consent);
        model.addAttribute("assignedCount", list.stream().filter(p -> p.interviewerId() != null).count());
        model.addAttribute("stages", Arrays.asList(Stage.values()));
        model.addAttribute("canManage", canManage);
        model.addAttribute("canAdvance", RoundGuide.canAdvance(round));
        model.addAttribute("checklist", guide.checklist(new RoundSnapshot(round, list), canManage));
        model.addAttribute("closure", rounds.closure(id).orElse(null));
        model.addAttribute("lettersSent", participants.lettersSentInRound(id));
        model.addAttribute("canSeeSelection", currentActor.get().hasAny(round.unitId(), Role.PROCESS_LEAD, Role.UNIT_MANAGER));
        return "round/show";
    }

    /**
     * Moves the round on. While the step's checklist has work undone, or when the next step is the
     * analysis (which locks the interviews), the page comes back with what is missing and a button
     * that sends {@code confirmed=true}. {@code from} is the step the person saw: if someone else
     * moved the round in the meantime, nothing moves and the page says so, so that one confirmation
     * never moves a round two steps.
     */
    @PostMapping("/rounds/{id}/advance")
    String advance(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed,
                   @RequestParam(required = false) Stage from, Model model, RedirectAttributes redirect, Locale locale) {
        var round = rounds.getManaged(id);
        if (from != null && from != round.stage()) {
            redirect.addFlashAttribute("flash", messages.getMessage("guide.advance.stale",
                    new Object[]{messages.getMessage(round.stage().messageKey(), null, locale)}, locale));
            return "redirect:/rounds/" + id;
        }
        if (!confirmed && RoundGuide.canAdvance(round)) {
            var checklist = guide.checklist(new RoundSnapshot(round, participants.of(id)), true);
            if (checklist.asksBeforeMoving()) {
                model.addAttribute("confirmAdvance", true);
                return page(round, model);
            }
        }
        return moved(rounds.advance(id), redirect, locale);
    }

    @PostMapping("/rounds/{id}/back")
    String back(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        return moved(rounds.goBack(id), redirect, locale);
    }

    private String moved(Round round, RedirectAttributes redirect, Locale locale) {
        var stage = messages.getMessage(round.stage().messageKey(), null, locale);
        redirect.addFlashAttribute("flash", messages.getMessage("round.stage.moved", new Object[]{stage}, locale));
        return "redirect:/rounds/" + round.id();
    }

}
