package se.delaktig.round.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.round.AssignmentSuggestion;
import se.delaktig.round.AssignmentSuggestions;
import se.delaktig.round.Conflicts;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * Assignment pages for the process lead: who knows a child's family (a conflict like being the case
 * worker), and the round's assignment page with Delaktig's suggestion, accepted in one click or
 * changed row by row.
 */
@Controller
class AssignmentController {

    /** Field name of a row's interviewer select on the assignment page. */
    static final String ROW = "row-";

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Conflicts conflicts;
    private final AssignmentSuggestions suggestions;
    private final MessageSource messages;

    AssignmentController(RoundService rounds, ParticipantService participants, Conflicts conflicts,
                         AssignmentSuggestions suggestions, MessageSource messages) {
        this.rounds = rounds;
        this.participants = participants;
        this.conflicts = conflicts;
        this.suggestions = suggestions;
        this.messages = messages;
    }

    record KnownForm(String knownStaffId, String knownNote) {
    }

    // Who knows the family --------------------------------------------------------------------

    @PostMapping("/participants/{id}/known-by")
    String markKnowsFamily(@PathVariable long id, @ModelAttribute("knownForm") KnownForm form, Model model, Locale locale,
                           RedirectAttributes redirect) {
        var participant = participants.get(id);
        try {
            conflicts.markKnowsFamily(id, parseId(form.knownStaffId(), "knownStaffId"), form.knownNote());
            redirect.addFlashAttribute("flash", messages.getMessage("assignment.knownBy.saved",
                    new Object[]{participant.pseudonym()}, locale));
            return "redirect:/participants/" + id + "#assignment";
        } catch (InvalidInputException e) {
            var round = rounds.getManaged(participant.roundId());
            model.addAttribute("participant", participant);
            model.addAttribute("round", round);
            model.addAttribute("knownForm", form);
            model.addAttribute("staff", participants.interviewers(round.id()));
            model.addAttribute("errors", FormErrors.of(e, messages, locale));
            return "round/known-family";
        }
    }

    @PostMapping("/participants/{id}/known-by/{staffId}/remove")
    String unmarkKnowsFamily(@PathVariable long id, @PathVariable long staffId, Locale locale,
                             RedirectAttributes redirect) {
        var participant = participants.get(id);
        conflicts.unmarkKnowsFamily(id, staffId);
        redirect.addFlashAttribute("flash", messages.getMessage("assignment.knownBy.removed",
                new Object[]{participant.pseudonym()}, locale));
        return "redirect:/participants/" + id + "#assignment";
    }

    // The round's assignments -----------------------------------------------------------------

    @GetMapping("/rounds/{id}/assignments")
    String assignments(@PathVariable long id, @RequestParam(defaultValue = "false") boolean replan, Model model) {
        var suggestion = suggestions.suggest(id, replan);
        var chosen = new LinkedHashMap<Long, String>();
        suggestion.rows().forEach(r -> chosen.put(r.participantId(), r.currentInterviewerId() == null ? "" : r.currentInterviewerId().toString()));
        return page(id, suggestion, chosen, FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/assignments/accept")
    String accept(@PathVariable long id, @RequestParam(defaultValue = "false") boolean replan, Model model,
                  Locale locale, RedirectAttributes redirect) {
        var before = suggestions.suggest(id, replan);
        var refusals = suggestions.accept(id, replan);
        if (refusals.isEmpty()) {
            redirect.addFlashAttribute("flash", messages.getMessage("assignment.accepted",
                    new Object[]{before.changes().size()}, locale));
            return "redirect:/rounds/" + id + "/assignments";
        }
        var chosen = new LinkedHashMap<Long, String>();
        before.rows().forEach(r -> chosen.put(r.participantId(), r.proposedInterviewerId() == null ? "" : r.proposedInterviewerId().toString()));
        return refused(id, replan, refusals, chosen, model, locale);
    }

    @PostMapping("/rounds/{id}/assignments")
    String save(@PathVariable long id, @RequestParam Map<String, String> params, Model model, Locale locale,
                RedirectAttributes redirect) {
        rounds.getManaged(id);
        var chosen = new LinkedHashMap<Long, String>();
        var choices = new LinkedHashMap<Long, Long>();
        var errors = FormErrors.none();
        for (var entry : params.entrySet()) {
            if (!entry.getKey().startsWith(ROW)) {
                continue;
            }
            long participantId;
            try {
                participantId = Long.parseLong(entry.getKey().substring(ROW.length()));
            } catch (NumberFormatException e) {
                continue;
            }
            chosen.put(participantId, entry.getValue());
            try {
                choices.put(participantId, parseId(entry.getValue(), entry.getKey()));
            } catch (InvalidInputException e) {
                errors.add(e, messages, locale);
            }
        }
        var refusals = suggestions.save(id, choices);
        if (refusals.isEmpty() && !errors.any()) {
            redirect.addFlashAttribute("flash", messages.getMessage("assignment.saved", null, locale));
            return "redirect:/rounds/" + id + "/assignments";
        }
        for (var refusal : refusals) {
            errors.add(rowError(refusal), messages, locale);
        }
        return page(id, suggestions.suggest(id, false), chosen, errors, model);
    }

    private String refused(long roundId, boolean replan, List<AssignmentSuggestions.Refusal> refusals,
                           Map<Long, String> chosen, Model model, Locale locale) {
        var errors = FormErrors.none();
        refusals.forEach(r -> errors.add(rowError(r), messages, locale));
        return page(roundId, suggestions.suggest(roundId, replan), chosen, errors, model);
    }

    private static InvalidInputException rowError(AssignmentSuggestions.Refusal refusal) {
        var reason = refusal.reason();
        return new InvalidInputException(ROW + refusal.participantId(), reason.messageKey(), reason.args());
    }

    private String page(long roundId, AssignmentSuggestion suggestion, Map<Long, String> chosen, FormErrors errors,
                        Model model) {
        var round = rounds.getManaged(roundId);
        model.addAttribute("round", round);
        model.addAttribute("suggestion", suggestion);
        model.addAttribute("interviewers", participants.interviewers(roundId));
        model.addAttribute("chosen", chosen);
        model.addAttribute("errors", errors);
        return "round/assignments";
    }

    /** A staff id as typed in a form; anything else is an unknown person, not a server error. */
    static Long parseId(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "participant.assign.notInterviewer");
        }
    }
}
