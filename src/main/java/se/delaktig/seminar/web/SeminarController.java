package se.delaktig.seminar.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.access.CurrentActor;
import se.delaktig.round.RoundService;
import se.delaktig.seminar.Seminars;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The seminar pages: the record with the reading checklist, and the live page with the proposals.
 * The live list refreshes itself by polling (see {@link #liveProposals}).
 */
@Controller
class SeminarController {

    /** What the process lead types for the record; the date stays text so a mistyped date is shown back. */
    record RecordForm(String heldOn, List<Long> participantIds, String notes) {

        static RecordForm of(Seminars.Record record) {
            return new RecordForm(record.heldOn() == null ? "" : record.heldOn().toString(),
                    record.participants().stream().map(p -> p.id()).toList(), record.notes());
        }

        Set<Long> chosen() {
            return participantIds == null ? Set.of() : new LinkedHashSet<>(participantIds);
        }

        Seminars.RecordInput input() {
            LocalDate date = null;
            if (heldOn != null && !heldOn.isBlank()) {
                try {
                    date = LocalDate.parse(heldOn.trim());
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException("heldOn", "seminar.heldOn.invalid");
                }
            }
            return new Seminars.RecordInput(date, chosen(), notes);
        }
    }

    record ProposalForm(String text, String areaCode, String evidence) {
    }

    private final Seminars seminars;
    private final CurrentActor currentActor;
    private final MessageSource messages;
    private final RoundService rounds;

    SeminarController(Seminars seminars, CurrentActor currentActor, MessageSource messages, RoundService rounds) {
        this.rounds = rounds;
        this.seminars = seminars;
        this.currentActor = currentActor;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/seminar")
    String seminar(@PathVariable long id, Model model) {
        var record = seminars.record(id);
        return page(record, RecordForm.of(record), FormErrors.none(), FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/seminar")
    String save(@PathVariable long id, @ModelAttribute("form") RecordForm form, Model model, Locale locale,
                RedirectAttributes redirect) {
        try {
            seminars.saveRecord(id, form.input());
            redirect.addFlashAttribute("flash", messages.getMessage("seminar.record.saved", null, locale));
            return "redirect:/rounds/" + id + "/seminar";
        } catch (InvalidInputException e) {
            return page(seminars.record(id), form, FormErrors.of(e, messages, locale), FormErrors.none(), model);
        }
    }

    @PostMapping("/rounds/{id}/seminar/reading")
    String reading(@PathVariable long id, @RequestParam(name = "read", required = false) List<Long> read, Model model,
                   Locale locale, RedirectAttributes redirect) {
        try {
            seminars.setRead(id, read == null ? List.of() : read);
            redirect.addFlashAttribute("flash", messages.getMessage("seminar.reading.saved", null, locale));
            return "redirect:/rounds/" + id + "/seminar#reading";
        } catch (InvalidInputException e) {
            var record = seminars.record(id);
            return page(record, RecordForm.of(record), FormErrors.none(), FormErrors.of(e, messages, locale), model);
        }
    }

    @GetMapping("/rounds/{id}/seminar/live")
    String live(@PathVariable long id, Model model) {
        return livePage(id, new ProposalForm("", "", ""), FormErrors.none(), model);
    }

    /**
     * The proposal list for the live page's poll. Nothing changed since {@code since}: 204, which htmx
     * leaves alone, so a keyboard user's focus is not disturbed every three seconds.
     */
    @GetMapping("/rounds/{id}/seminar/live/proposals")
    Object liveProposals(@PathVariable long id, @RequestParam(required = false) String since, Model model) {
        if (since != null && since.equals(seminars.proposalsVersion(id))) {
            return ResponseEntity.noContent().build();
        }
        model.addAttribute("roundId", id);
        model.addAttribute("proposals", seminars.proposals(id));
        return "seminar/live :: proposals";
    }

    @PostMapping("/rounds/{id}/seminar/proposals")
    String add(@PathVariable long id, @ModelAttribute("proposal") ProposalForm form, Model model, Locale locale,
               RedirectAttributes redirect) {
        try {
            seminars.addProposal(id, new Seminars.NewProposal(form.text(), form.areaCode(), form.evidence()));
            redirect.addFlashAttribute("flash", messages.getMessage("seminar.proposal.added", null, locale));
            return "redirect:/rounds/" + id + "/seminar/live";
        } catch (InvalidInputException e) {
            return livePage(id, form, FormErrors.of(e, messages, locale), model);
        }
    }

    @PostMapping("/rounds/{id}/seminar/proposals/{proposalId}/move")
    String move(@PathVariable long id, @PathVariable long proposalId, @RequestParam String direction) {
        var parsed = "up".equalsIgnoreCase(direction) ? Seminars.Direction.UP : Seminars.Direction.DOWN;
        seminars.move(id, proposalId, parsed);
        return "redirect:/rounds/" + id + "/seminar/live#proposal-" + proposalId;
    }

    private String page(Seminars.Record record, RecordForm form, FormErrors errors, FormErrors readingErrors,
                        Model model) {
        var actor = currentActor.get();
        model.addAttribute("record", record);
        model.addAttribute("closure", rounds.closure(record.roundId()).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("chosen", form.chosen());
        model.addAttribute("errors", errors);
        model.addAttribute("readingErrors", readingErrors);
        model.addAttribute("participant", record.isParticipant(actor.staffId()));
        model.addAttribute("checklist", record.isParticipant(actor.staffId()) ? seminars.checklist(record.roundId()) : List.of());
        model.addAttribute("progress", record.editable() ? seminars.progress(record.roundId()) : List.of());
        return "seminar/seminar";
    }

    private String livePage(long id, ProposalForm form, FormErrors errors, Model model) {
        model.addAttribute("roundId", id);
        model.addAttribute("record", seminars.record(id));
        model.addAttribute("proposals", seminars.proposals(id));
        model.addAttribute("areas", seminars.areas(id));
        model.addAttribute("proposal", form);
        model.addAttribute("errors", errors);
        return "seminar/live";
    }
}
