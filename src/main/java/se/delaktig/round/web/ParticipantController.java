package se.delaktig.round.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
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
import se.delaktig.organization.Organization;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

@Controller
class ParticipantController {

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Organization organization;
    private final MessageSource messages;
    private final CurrentActor currentActor;
    private final BookingCards bookingCards;

    ParticipantController(RoundService rounds, ParticipantService participants, Organization organization,
                          MessageSource messages, CurrentActor currentActor, BookingCards bookingCards) {
        this.currentActor = currentActor;
        this.bookingCards = bookingCards;
        this.rounds = rounds;
        this.participants = participants;
        this.organization = organization;
        this.messages = messages;
    }

    record ParticipantForm(Integer age, Gender gender, String firstName, String contact,
                           List<Long> currentCaseWorkers, List<Long> formerCaseWorkers) {

        ParticipantService.NewParticipant input() {
            return new ParticipantService.NewParticipant(age, gender, firstName, contact, currentCaseWorkers, formerCaseWorkers);
        }

        public boolean isCurrent(Long staffId) {
            return currentCaseWorkers != null && currentCaseWorkers.contains(staffId);
        }

        public boolean isFormer(Long staffId) {
            return formerCaseWorkers != null && formerCaseWorkers.contains(staffId);
        }
    }

    record ConsentForm(ChildAnswer childAnswer, GuardianAnswer guardianAnswer) {
    }

    @GetMapping("/rounds/{roundId}/participants/new")
    String newParticipant(@PathVariable long roundId, Model model) {
        rounds.getManaged(roundId);
        return form(roundId, model, new ParticipantForm(null, null, "", "", List.of(), List.of()), FormErrors.none());
    }

    @PostMapping("/rounds/{roundId}/participants")
    String add(@PathVariable long roundId, @ModelAttribute("participant") ParticipantForm form, BindingResult binding,
               Model model, Locale locale, RedirectAttributes redirect) {
        rounds.getManaged(roundId);
        if (binding.hasErrors()) {
            return form(roundId, model, form, FormErrors.of(binding, messages, locale));
        }
        try {
            var participant = participants.add(roundId, form.input());
            redirect.addFlashAttribute("flash", messages.getMessage("participant.added",
                    new Object[]{participant.pseudonym()}, locale));
            return "redirect:/participants/" + participant.id();
        } catch (InvalidInputException e) {
            return form(roundId, model, form, FormErrors.of(e, messages, locale));
        }
    }

    private String form(long roundId, Model model, ParticipantForm form, FormErrors errors) {
        var round = rounds.getManaged(roundId);
        model.addAttribute("round", round);
        model.addAttribute("participant", form);
        model.addAttribute("errors", errors);
        model.addAttribute("staff", organization.staffOfUnit(round.unitId()));
        model.addAttribute("genders", Gender.values());
        return "round/participant-new";
    }

    @GetMapping("/participants/{id}")
    String show(@PathVariable long id, Model model) {
        var participant = participants.get(id);
        return page(participant, model, new ConsentForm(participant.childAnswer(), participant.guardianAnswer()),
                participant.interviewerId(), FormErrors.none());
    }

    /** The key list entry, read only on request so that every look at a name is a deliberate, audited act. */
    @GetMapping("/participants/{id}/key")
    String key(@PathVariable long id, Model model) {
        model.addAttribute("participant", participants.get(id));
        model.addAttribute("key", participants.keyEntry(id));
        return "round/participant-key";
    }

    @PostMapping("/participants/{id}/consent")
    String consent(@PathVariable long id, @ModelAttribute ConsentForm form, BindingResult binding, Model model,
                   Locale locale, RedirectAttributes redirect) {
        var participant = participants.get(id);
        if (binding.hasErrors()) {
            return page(participant, model, form, participant.interviewerId(), FormErrors.of(binding, messages, locale));
        }
        try {
            participants.recordConsent(id, form.childAnswer(), form.guardianAnswer());
            redirect.addFlashAttribute("flash", messages.getMessage("participant.consent.saved", null, locale));
            return "redirect:/participants/" + id;
        } catch (InvalidInputException e) {
            return page(participant, model, form, participant.interviewerId(), FormErrors.of(e, messages, locale));
        }
    }

    @PostMapping("/participants/{id}/assignment")
    String assign(@PathVariable long id, @RequestParam(required = false) String interviewerId, Model model,
                  Locale locale, RedirectAttributes redirect) {
        var participant = participants.get(id);
        Long chosen = null;
        if (interviewerId != null && !interviewerId.isBlank()) {
            try {
                chosen = Long.valueOf(interviewerId);
            } catch (NumberFormatException e) {
                chosen = -1L;
            }
        }
        try {
            participants.assign(id, chosen);
            redirect.addFlashAttribute("flash", messages.getMessage(chosen == null
                    ? "participant.assign.removed" : "participant.assign.saved", null, locale));
            return "redirect:/participants/" + id;
        } catch (InvalidInputException e) {
            return page(participant, model, new ConsentForm(participant.childAnswer(), participant.guardianAnswer()),
                    chosen, FormErrors.of(e, messages, locale));
        }
    }

    private String page(Participant participant, Model model, ConsentForm consent, Long chosenInterviewer,
                        FormErrors errors) {
        var round = rounds.get(participant.roundId());
        model.addAttribute("participant", participant);
        model.addAttribute("round", round);
        model.addAttribute("consentForm", consent);
        model.addAttribute("chosenInterviewer", chosenInterviewer);
        model.addAttribute("errors", errors);
        model.addAttribute("canManage", rounds.canManage(round));
        model.addAttribute("assignedToMe", participant.interviewerId() != null
                && participant.interviewerId() == currentActor.get().staffId());
        model.addAttribute("interviewers", participants.interviewers(round.id()));
        bookingCards.addTo(model, participant, rounds.canManage(round));
        model.addAttribute("childAnswers", ChildAnswer.values());
        model.addAttribute("guardianAnswers", GuardianAnswer.values());
        return "round/participant";
    }
}
