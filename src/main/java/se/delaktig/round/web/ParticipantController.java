package se.delaktig.round.web;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.access.CurrentActor;
import se.delaktig.organization.Organization;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ConsentParty;
import se.delaktig.round.ConsentState;
import se.delaktig.round.ContactType;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.Languages;
import se.delaktig.round.LetterRecipient;
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

    record ParticipantForm(Integer age, Gender gender, String language, ContactType contactType, Integer guardians,
                           String firstName, String contact, List<Long> currentCaseWorkers, List<Long> formerCaseWorkers) {

        ParticipantService.NewParticipant input() {
            return new ParticipantService.NewParticipant(age, gender, language, contactType, firstName, contact,
                    currentCaseWorkers, formerCaseWorkers, guardians);
        }

        public boolean isCurrent(Long staffId) {
            return currentCaseWorkers != null && currentCaseWorkers.contains(staffId);
        }

        public boolean isFormer(Long staffId) {
            return formerCaseWorkers != null && formerCaseWorkers.contains(staffId);
        }
    }

    /**
     * The answers as the form shows them: each party's latest answer, or what was just typed. All
     * empty means "fill in from the history".
     */
    record ConsentForm(ChildAnswer child, ChildAnswer guardian1, ChildAnswer guardian2, String reason) {

        /** A form to be filled in from the history (the shape other forms of the page pass on). */
        ConsentForm(ChildAnswer childAnswer, GuardianAnswer guardianAnswer) {
            this(null, null, null, null);
        }

        boolean isEmpty() {
            return child == null && guardian1 == null && guardian2 == null && (reason == null || reason.isEmpty());
        }

        public ChildAnswer of(ConsentParty party) {
            return switch (party) {
                case CHILD -> child;
                case GUARDIAN_1 -> guardian1;
                case GUARDIAN_2 -> guardian2;
            };
        }
    }

    record WithdrawalForm(ConsentParty withdrawalParty, String withdrawalReason) {
    }

    record LetterSentForm(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate sentOn) {
    }

    @GetMapping("/rounds/{roundId}/participants/new")
    String newParticipant(@PathVariable long roundId, Model model) {
        rounds.getManaged(roundId);
        return form(roundId, model, new ParticipantForm(null, null, "sv", null, ParticipantService.DEFAULT_GUARDIANS, "", "",
                List.of(), List.of()), FormErrors.none());
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
            // The child's page then offers the next child, one click away (round/participant-next.html).
            redirect.addFlashAttribute("addedToRound", roundId);
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
        model.addAttribute("contactTypes", ContactType.values());
        model.addAttribute("languages", Languages.CODES);
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
        var participant = participants.get(id);
        model.addAttribute("participant", participant);
        model.addAttribute("key", participants.keyEntry(id));
        model.addAttribute("closure", rounds.closure(participant.roundId()).orElse(null));
        return "round/participant-key";
    }

    /** The answers of the child and the guardians; only changed answers enter the history. */
    @PostMapping("/participants/{id}/consent")
    String consent(@PathVariable long id, @ModelAttribute ConsentForm form, BindingResult binding, Model model,
                   Locale locale, RedirectAttributes redirect) {
        var participant = participants.get(id);
        if (binding.hasErrors()) {
            return page(participant, model, form, participant.interviewerId(), FormErrors.of(binding, messages, locale));
        }
        var answers = new EnumMap<ConsentParty, ChildAnswer>(ConsentParty.class);
        for (var party : ConsentParty.values()) {
            if (form.of(party) != null) {
                answers.put(party, form.of(party));
            }
        }
        try {
            var state = participants.recordAnswers(id, answers, form.reason());
            redirect.addFlashAttribute("flash", messages.getMessage("consent.saved",
                    new Object[]{messages.getMessage("consent.state." + state.name(), null, locale)}, locale));
            return "redirect:/participants/" + id;
        } catch (InvalidInputException e) {
            return page(participant, model, form, participant.interviewerId(), FormErrors.of(e, messages, locale));
        }
    }

    @PostMapping("/participants/{id}/guardians")
    String guardians(@PathVariable long id, @RequestParam(required = false) String guardians, Model model, Locale locale,
                     RedirectAttributes redirect) {
        var participant = participants.get(id);
        Integer count = null;
        try {
            count = guardians == null ? null : Integer.valueOf(guardians.trim());
        } catch (NumberFormatException e) {
            count = null;
        }
        try {
            participants.setGuardians(id, count);
            redirect.addFlashAttribute("flash", messages.getMessage("consent.guardians.saved", null, locale));
            return "redirect:/participants/" + id;
        } catch (InvalidInputException e) {
            return page(participant, model, null, participant.interviewerId(), FormErrors.of(e, messages, locale));
        }
    }

    @PostMapping("/participants/{id}/withdrawal")
    String withdraw(@PathVariable long id, @ModelAttribute WithdrawalForm form, BindingResult binding, Model model,
                    Locale locale, RedirectAttributes redirect) {
        var participant = participants.get(id);
        if (binding.hasErrors()) {
            model.addAttribute("withdrawalForm", form);
            return page(participant, model, null, participant.interviewerId(), FormErrors.of(binding, messages, locale));
        }
        try {
            participants.withdraw(id, form.withdrawalParty(), form.withdrawalReason());
            redirect.addFlashAttribute("flash", messages.getMessage("consent.withdrawal.saved",
                    new Object[]{participant.pseudonym()}, locale));
            return "redirect:/participants/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("withdrawalForm", form);
            return page(participant, model, null, participant.interviewerId(), FormErrors.of(e, messages, locale));
        }
    }

    @PostMapping("/participants/{id}/letters/{recipient}/sent")
    String letterSent(@PathVariable long id, @PathVariable String recipient, @ModelAttribute LetterSentForm form,
                      BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        var participant = participants.get(id);
        var to = parseRecipient(recipient);
        var field = "sentOn-" + to.name();
        if (binding.hasErrors()) {
            return page(participant, model, null, participant.interviewerId(),
                    FormErrors.of(new InvalidInputException(field, "consent.letter.sentOnRequired"), messages, locale));
        }
        try {
            participants.recordLetterSent(id, to, form.sentOn());
            redirect.addFlashAttribute("flash", messages.getMessage("consent.letter.sentSaved." + to.name(),
                    new Object[]{form.sentOn()}, locale));
            return "redirect:/participants/" + id;
        } catch (InvalidInputException e) {
            return page(participant, model, null, participant.interviewerId(),
                    FormErrors.of(new InvalidInputException(field, e.messageKey(), e.args()), messages, locale));
        }
    }

    private static LetterRecipient parseRecipient(String recipient) {
        try {
            return LetterRecipient.valueOf(recipient.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new se.delaktig.web.NotFoundException();
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
        var canManage = rounds.canManage(round);
        if (canManage) {
            var history = participants.history(participant.id());
            if (consent == null || consent.isEmpty()) {
                var latest = new EnumMap<ConsentParty, ChildAnswer>(ConsentParty.class);
                history.stream().filter(e -> e.answer() != null).forEach(e -> latest.put(e.party(), e.answer()));
                consent = new ConsentForm(latest.get(ConsentParty.CHILD), latest.get(ConsentParty.GUARDIAN_1),
                        latest.get(ConsentParty.GUARDIAN_2), null);
            }
            model.addAttribute("history", history);
            model.addAttribute("lettersSent", participants.lettersSent(participant.id()));
        }
        if (!model.containsAttribute("withdrawalForm")) {
            model.addAttribute("withdrawalForm", new WithdrawalForm(ConsentParty.CHILD, ""));
        }
        model.addAttribute("participant", participant);
        model.addAttribute("round", round);
        model.addAttribute("consentForm", consent);
        model.addAttribute("chosenInterviewer", chosenInterviewer);
        model.addAttribute("errors", errors);
        model.addAttribute("canManage", canManage);
        model.addAttribute("assignedToMe", participant.interviewerId() != null
                && participant.interviewerId() == currentActor.get().staffId());
        model.addAttribute("interviewers", participants.interviewers(round.id()));
        bookingCards.addTo(model, participant, rounds.canManage(round));
        model.addAttribute("childAnswers", ChildAnswer.values());
        model.addAttribute("guardianAnswers", GuardianAnswer.values());
        model.addAttribute("ownConsentAge", participants.ownConsentAge(round.id()));
        model.addAttribute("withdrawn", participant.consentState() == ConsentState.WITHDRAWN);
        model.addAttribute("today", LocalDate.now(se.delaktig.audit.AuditLog.ZONE));
        return "round/participant";
    }
}
