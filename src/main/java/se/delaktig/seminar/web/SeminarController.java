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
import se.delaktig.seminar.Agendas;
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

    /**
     * A new proposal as typed, or the evidence of one being edited. The evidence ids stay text so that
     * a tampered value is refused with a field error instead of failing the binding. {@code from} is
     * "seminar" when the form was sent from the seminar page, which it then returns to.
     */
    record ProposalForm(String text, String areaCode, String evidence, List<String> codeIds, List<String> quoteIds,
                        List<String> questionIds, String from) {

        static ProposalForm empty() {
            return new ProposalForm("", "", "", List.of(), List.of(), List.of(), null);
        }

        static ProposalForm of(Seminars.Proposal p) {
            return new ProposalForm(p.text(), p.areaCode() == null ? "" : p.areaCode(), p.evidence(),
                    ids(p, Seminars.EvidenceKind.CODE), ids(p, Seminars.EvidenceKind.QUOTE),
                    ids(p, Seminars.EvidenceKind.COUNT), null);
        }

        private static List<String> ids(Seminars.Proposal p, Seminars.EvidenceKind kind) {
            return p.evidenceOf(kind).stream().map(e -> String.valueOf(e.id())).toList();
        }

        /** What the form has ticked, as "CODE-12", "QUOTE-3", "COUNT-40", for re-rendering what was chosen. */
        Set<String> chosen() {
            var result = new LinkedHashSet<String>();
            add(result, "CODE-", codeIds);
            add(result, "QUOTE-", quoteIds);
            add(result, "COUNT-", questionIds);
            return result;
        }

        private static void add(Set<String> result, String prefix, List<String> ids) {
            if (ids != null) {
                ids.stream().filter(v -> v != null).forEach(v -> result.add(prefix + v.trim()));
            }
        }

        boolean fromSeminar() {
            return "seminar".equals(from);
        }

        Seminars.NewProposal input() {
            return new Seminars.NewProposal(text, areaCode, evidence, parse(codeIds, "codeIds"),
                    parse(quoteIds, "quoteIds"), parse(questionIds, "questionIds"));
        }

        Seminars.EvidenceInput evidenceInput() {
            return new Seminars.EvidenceInput(evidence, parse(codeIds, "codeIds"), parse(quoteIds, "quoteIds"),
                    parse(questionIds, "questionIds"));
        }

        private static List<Long> parse(List<String> values, String field) {
            if (values == null) {
                return List.of();
            }
            try {
                return values.stream().filter(v -> v != null && !v.isBlank()).map(v -> Long.parseLong(v.trim())).toList();
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, "seminar.evidence.invalidId");
            }
        }
    }

    private final Seminars seminars;
    private final Agendas agendas;
    private final CurrentActor currentActor;
    private final MessageSource messages;
    private final RoundService rounds;

    SeminarController(Seminars seminars, Agendas agendas, CurrentActor currentActor, MessageSource messages, RoundService rounds) {
        this.rounds = rounds;
        this.seminars = seminars;
        this.agendas = agendas;
        this.currentActor = currentActor;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/seminar")
    String seminar(@PathVariable long id, Model model) {
        var record = seminars.record(id);
        return page(record, RecordForm.of(record), FormErrors.none(), FormErrors.none(), model);
    }

    /** The agenda generated from the analysis; printable, and as a PDF from the report module. */
    @GetMapping("/rounds/{id}/seminar/agenda")
    String agenda(@PathVariable long id, Model model) {
        model.addAttribute("agenda", agendas.agenda(id));
        return "seminar/agenda";
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
        return livePage(id, ProposalForm.empty(), FormErrors.none(), model);
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
            var added = seminars.addProposal(id, form.input());
            redirect.addFlashAttribute("flash", messages.getMessage("seminar.proposal.added", null, locale));
            return form.fromSeminar() ? "redirect:/rounds/" + id + "/seminar#proposal-form"
                    : "redirect:/rounds/" + id + "/seminar/live#proposal-" + added.id();
        } catch (InvalidInputException e) {
            var errors = FormErrors.of(e, messages, locale);
            if (form.fromSeminar()) {
                var record = seminars.record(id);
                model.addAttribute("proposal", form);
                model.addAttribute("proposalErrors", errors);
                return page(record, RecordForm.of(record), FormErrors.none(), FormErrors.none(), model);
            }
            return livePage(id, form, errors, model);
        }
    }

    @PostMapping("/rounds/{id}/seminar/proposals/{proposalId}/move")
    String move(@PathVariable long id, @PathVariable long proposalId, @RequestParam String direction) {
        var parsed = "up".equalsIgnoreCase(direction) ? Seminars.Direction.UP : Seminars.Direction.DOWN;
        seminars.move(id, proposalId, parsed);
        return "redirect:/rounds/" + id + "/seminar/live#proposal-" + proposalId;
    }

    /** Puts a proposal at a place in the ranking; "Flytta överst" sends 1. */
    @PostMapping("/rounds/{id}/seminar/proposals/{proposalId}/rank")
    String rank(@PathVariable long id, @PathVariable long proposalId, @RequestParam(required = false) String rank,
                Locale locale, RedirectAttributes redirect) {
        try {
            seminars.rankAt(id, proposalId, parseRank(rank));
            redirect.addFlashAttribute("flash", messages.getMessage("seminar.proposal.ranked", null, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("rankError", proposalId);
            redirect.addFlashAttribute("rankErrorText", FormErrors.of(e, messages, locale).get("rank"));
        }
        return "redirect:/rounds/" + id + "/seminar/live#proposal-" + proposalId;
    }

    static Integer parseRank(String rank) {
        if (rank == null || rank.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(rank.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The page to change a proposal's evidence after it was made. */
    @GetMapping("/rounds/{id}/seminar/proposals/{proposalId}/evidence")
    String evidence(@PathVariable long id, @PathVariable long proposalId, Model model) {
        var proposal = seminars.proposal(id, proposalId);
        return evidencePage(id, proposal, ProposalForm.of(proposal), FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/seminar/proposals/{proposalId}/evidence")
    String saveEvidence(@PathVariable long id, @PathVariable long proposalId, @ModelAttribute("proposal") ProposalForm form,
                        Model model, Locale locale, RedirectAttributes redirect) {
        var proposal = seminars.proposal(id, proposalId);
        try {
            seminars.updateEvidence(id, proposalId, form.evidenceInput());
            redirect.addFlashAttribute("flash", messages.getMessage("seminar.evidence.saved", null, locale));
            return "redirect:/rounds/" + id + "/seminar/live#proposal-" + proposalId;
        } catch (InvalidInputException e) {
            return evidencePage(id, proposal, form, FormErrors.of(e, messages, locale), model);
        }
    }

    private String evidencePage(long id, Seminars.Proposal proposal, ProposalForm form, FormErrors errors, Model model) {
        model.addAttribute("roundId", id);
        model.addAttribute("record", seminars.record(id));
        model.addAttribute("item", proposal);
        model.addAttribute("proposal", form);
        model.addAttribute("choices", seminars.evidenceChoices(id));
        model.addAttribute("evidenceChosen", form.chosen());
        model.addAttribute("areas", seminars.areas(id));
        model.addAttribute("errors", errors);
        return "seminar/evidence";
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
        model.addAttribute("roundId", record.roundId());
        model.addAttribute("areas", seminars.areas(record.roundId()));
        model.addAttribute("choices", seminars.evidenceChoices(record.roundId()));
        if (!model.containsAttribute("proposal")) {
            model.addAttribute("proposal", ProposalForm.empty());
            model.addAttribute("proposalErrors", FormErrors.none());
        }
        model.addAttribute("evidenceChosen", ((ProposalForm) model.getAttribute("proposal")).chosen());
        return "seminar/seminar";
    }

    private String livePage(long id, ProposalForm form, FormErrors errors, Model model) {
        model.addAttribute("roundId", id);
        model.addAttribute("record", seminars.record(id));
        model.addAttribute("proposals", seminars.proposals(id));
        model.addAttribute("areas", seminars.areas(id));
        model.addAttribute("choices", seminars.evidenceChoices(id));
        model.addAttribute("proposal", form);
        model.addAttribute("evidenceChosen", form.chosen());
        model.addAttribute("errors", errors);
        return "seminar/live";
    }
}
