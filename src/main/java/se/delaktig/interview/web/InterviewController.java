package se.delaktig.interview.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.interview.InterviewView;
import se.delaktig.interview.InvalidAnswersException;
import se.delaktig.interview.Interviews;
import se.delaktig.interview.Reflection;
import se.delaktig.interview.Safeguarding;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The interviewer's pages: my interviews, the interview form that follows the guide, the
 * reflection and the safeguarding flag. Plain HTML forms that work without JavaScript; with it, the
 * form also saves itself in the background (see {@link #autosave}).
 */
@Controller
class InterviewController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Interviews interviews;
    private final Safeguarding safeguarding;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Guides guides;
    private final MessageSource messages;

    InterviewController(Interviews interviews, Safeguarding safeguarding, RoundService rounds,
                        ParticipantService participants, Guides guides, MessageSource messages) {
        this.interviews = interviews;
        this.safeguarding = safeguarding;
        this.rounds = rounds;
        this.participants = participants;
        this.guides = guides;
        this.messages = messages;
    }

    @GetMapping("/interviews")
    String mine(Model model) {
        model.addAttribute("interviews", interviews.mine());
        return "interview/mine";
    }

    @PostMapping("/participants/{participantId}/interview")
    String open(@PathVariable long participantId, RedirectAttributes redirect, Locale locale) {
        try {
            var interview = interviews.open(participantId);
            return "redirect:/interviews/" + interview.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", messages.getMessage(e.messageKey(), e.args(), locale));
            return "redirect:/interviews";
        }
    }

    @GetMapping("/interviews/{id}")
    String show(@PathVariable long id, Model model, Locale locale) {
        var interview = interviews.get(id);
        return form(interview, InterviewForm.of(interview), List.of(), model, locale);
    }

    @PostMapping("/interviews/{id}")
    String save(@PathVariable long id, @RequestParam(name = "action", defaultValue = "save") String action,
                HttpServletRequest request, Model model, RedirectAttributes redirect, Locale locale) {
        var form = InterviewForm.from(request.getParameterMap());
        InterviewView saved = null;
        try {
            var replacement = NameReplacement.parse(action);
            if (replacement != null) {
                interviews.replaceChildName(id, form.version(), form.draft(), replacement.field(),
                        replacement.participantId(), replacement.withPseudonym());
                redirect.addFlashAttribute("flash", replacedMessage(id, replacement, locale));
                var target = InterviewPage.targetId(replacement.field());
                return "redirect:/interviews/" + id + (target == null ? "" : "#" + target);
            }
            saved = interviews.save(id, form.version(), form.draft());
            if (action.equals("complete")) {
                interviews.complete(id, saved.version());
                redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.completed", null, locale));
            } else {
                var names = interviews.childNamesIn(id, form.draft(), null).size();
                redirect.addFlashAttribute("flash", names == 0 ? messages.getMessage("interview.flash.saved", null, locale)
                        : messages.getMessage("namecheck.flash.savedWithNames", new Object[] {names}, locale));
            }
            return "redirect:/interviews/" + id;
        } catch (InvalidInputException e) {
            // Re-read only after the refusal: the form shows what was typed, the rest what is saved.
            // Saved but not completed (a child's name left): the form goes on from the saved version.
            var interview = interviews.get(id);
            var shown = saved == null ? form : form.withVersion(saved.version());
            return form(interview, shown, InterviewPage.problems(e, messages, locale), model, locale);
        }
    }

    /**
     * The background save of interview.js: the same fields as the form, answered with JSON. A save
     * based on an older version is a 409 and overwrites nothing; rejected input a 400 naming the
     * fields. The page keeps what was typed either way – nothing is kept in the browser's storage.
     */
    @PostMapping(value = "/interviews/{id}/autosave", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> autosave(@PathVariable long id, HttpServletRequest request, Locale locale) {
        var form = InterviewForm.from(request.getParameterMap());
        try {
            var saved = interviews.saveDraft(id, form.version(), form.draft());
            var body = new LinkedHashMap<String, Object>();
            body.put("version", saved.version());
            body.put("savedAt", SECONDS.format(saved.savedAt().atZone(AuditLog.ZONE)));
            body.put("message", savedStatus(saved.savedAt(), locale));
            return ResponseEntity.ok(body);
        } catch (InvalidInputException e) {
            var problems = InterviewPage.problems(e, messages, locale);
            if (e instanceof InvalidAnswersException) {
                // Errors of answers name their question, as the error summary of the page does.
                var guide = guides.find(rounds.get(interviews.get(id).roundId()).guideId()).orElseThrow();
                problems = InterviewPage.named(problems, InterviewPage.questionNumbers(guide), messages, locale);
            }
            var conflict = problems.stream().anyMatch(p -> p.field().equals("version"));
            var body = new LinkedHashMap<String, Object>();
            body.put("conflict", conflict);
            body.put("message", conflict ? messages.getMessage("interview.autosave.conflict", null, locale)
                    : messages.getMessage("interview.autosave.invalid", null, locale));
            body.put("errors", problems.stream()
                    .map(p -> Map.of("field", p.field(), "target", p.targetId() == null ? "" : p.targetId(),
                            "message", p.message()))
                    .toList());
            return ResponseEntity.status(conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST).body(body);
        }
    }

    @PostMapping("/interviews/{id}/reopen")
    String reopen(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            interviews.reopen(id);
            redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.reopened", null, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", messages.getMessage(e.messageKey(), e.args(), locale));
        }
        return "redirect:/interviews/" + id;
    }

    @PostMapping("/interviews/{id}/safeguarding")
    String flag(@PathVariable long id, @RequestParam(name = "note", required = false) String note, Model model,
                RedirectAttributes redirect, Locale locale) {
        try {
            safeguarding.raise(id, note);
            redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.flagged", null, locale));
            return "redirect:/interviews/" + id + "#safeguarding";
        } catch (InvalidInputException e) {
            var interview = interviews.get(id);
            model.addAttribute("safeguardingNote", note);
            model.addAttribute("safeguardingError", messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
            return form(interview, InterviewForm.of(interview), List.of(), model, locale);
        }
    }

    @GetMapping("/interviews/{id}/reflection")
    String reflection(@PathVariable long id, Model model) {
        var interview = interviews.get(id);
        if (!interviews.permissions(interview).mayWriteReflection()) {
            throw new NotFoundException();
        }
        return reflectionForm(interview, interview.reflection(), List.of(), model);
    }

    @PostMapping("/interviews/{id}/reflection")
    String saveReflection(@PathVariable long id,
                          @RequestParam(name = "learnt", required = false) String learnt,
                          @RequestParam(name = "surprised", required = false) String surprised,
                          @RequestParam(name = "change", required = false) String change,
                          @RequestParam(name = "reflection", required = false) String other,
                          @RequestParam(name = "action", defaultValue = "save") String action,
                          Model model, RedirectAttributes redirect, Locale locale) {
        var reflection = new Reflection(learnt, surprised, change, other);
        try {
            var replacement = NameReplacement.parse(action);
            if (replacement == null && blank(reflection)) {
                var interview = interviews.get(id);
                if (!interviews.permissions(interview).mayWriteReflection()) {
                    throw new NotFoundException();
                }
                if (interview.reflection().isEmpty()) {
                    // Nothing typed and nothing saved before: saying "saved" would be untrue.
                    model.addAttribute("reflectionNotice", messages.getMessage("interview.reflection.nothingToSave", null, locale));
                    return reflectionForm(interview, reflection, List.of(), model);
                }
                interviews.saveReflection(id, Reflection.EMPTY);
                redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.reflectionCleared", null, locale));
                return "redirect:/interviews/" + id;
            }
            if (replacement != null) {
                reflection = interviews.replaceChildNameInReflection(id, reflection, replacement.field(),
                        replacement.participantId(), replacement.withPseudonym());
                model.addAttribute("flash", replacedMessage(id, replacement, locale));
            } else {
                interviews.saveReflection(id, reflection);
            }
            var names = interviews.childNamesIn(id, null, reflection).size();
            if (names == 0) {
                redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.reflectionSaved", null, locale));
                return "redirect:/interviews/" + id;
            }
            // Saved, but a child's name stands in it: stay on the page, with the replacements at hand.
            if (replacement == null) {
                model.addAttribute("flash", messages.getMessage("namecheck.reflection.savedWithNames", new Object[] {names}, locale));
            }
            return reflectionForm(interviews.get(id), reflection, List.of(), model);
        } catch (InvalidInputException e) {
            return reflectionForm(interviews.get(id), reflection, InterviewPage.problems(e, messages, locale), model);
        }
    }

    private static boolean blank(Reflection reflection) {
        return java.util.stream.Stream.of(reflection.learnt(), reflection.surprised(), reflection.change(), reflection.other())
                .allMatch(text -> text == null || text.isBlank());
    }

    /** "name:<field>:<participantId>:P" (the pseudonym) or ":C" ("[barnet]"), as the replacement buttons send it. */
    record NameReplacement(String field, long participantId, boolean withPseudonym) {

        static NameReplacement parse(String action) {
            if (action == null || !action.startsWith("name:")) {
                return null;
            }
            var last = action.lastIndexOf(':');
            var middle = action.lastIndexOf(':', last - 1);
            if (middle <= "name:".length() || !action.substring(middle + 1, last).matches("\\d{1,18}")) {
                throw new InvalidInputException("field", "namecheck.field.unknown");
            }
            return new NameReplacement(action.substring("name:".length(), middle), Long.parseLong(action.substring(middle + 1, last)),
                    !action.endsWith(":C"));
        }
    }

    private String replacedMessage(long interviewId, NameReplacement replacement, Locale locale) {
        var finding = interviews.myChildren(interviewId).stream().filter(c -> c.participantId() == replacement.participantId())
                .findFirst();
        var name = finding.map(c -> c.firstName()).orElse("");
        var with = replacement.withPseudonym() ? finding.map(c -> c.pseudonym()).orElse("") : se.delaktig.interview.NameFinding.CHILD;
        return messages.getMessage("namecheck.flash.replaced", new Object[] {name, with}, locale);
    }

    /** One field with a name in it, as the summary at the top of the form links to it. */
    record NameSummary(String targetId, String label) {
    }

    /** A name found in the form, with its field in words, as the page shows it beside the field. */
    record NameFlag(String field, String name, long participantId, String pseudonym, String label) {
    }

    private Map<String, List<NameFlag>> nameFlags(List<se.delaktig.interview.NameFinding> findings, InterviewView interview,
                                                  Locale locale) {
        var labels = new se.delaktig.interview.FieldLabels(guides.find(rounds.get(interview.roundId()).guideId()).orElseThrow());
        var flags = new LinkedHashMap<String, List<NameFlag>>();
        for (var f : findings) {
            flags.computeIfAbsent(f.field(), k -> new java.util.ArrayList<>()).add(new NameFlag(f.field(), f.name(),
                    f.participantId(), f.pseudonym(), messages.getMessage(labels.of(f.field()), locale)));
        }
        return flags;
    }

    // -------------------------------------------------------------------------------------------

    private String form(InterviewView interview, InterviewForm form, List<InterviewPage.FieldProblem> problems,
                        Model model, Locale locale) {
        var round = rounds.get(interview.roundId());
        var guide = guides.find(round.guideId()).orElseThrow();
        var permissions = interviews.permissions(interview);
        var language = participants.get(interview.participantId()).language();
        model.addAttribute("interview", interview);
        model.addAttribute("round", round);
        model.addAttribute("permissions", permissions);
        model.addAttribute("form", form);
        var areas = InterviewPage.areas(guide, form, problems, messages, locale, interview.age(), language);
        model.addAttribute("areas", areas);
        model.addAttribute("questionCount", areas.stream().mapToInt(a -> a.questions().size()).sum());
        model.addAttribute("experienceChoices", InterviewPage.experience(form.childExperience(), messages, locale));
        model.addAttribute("experienceLabel", interview.childExperience() == null ? null
                : messages.getMessage("interview.smiley." + interview.childExperience(), null, locale));
        // The summary at the top names the question of each error; the error beside a field needs not.
        model.addAttribute("problems", InterviewPage.named(problems, InterviewPage.questionNumbers(guide), messages, locale));
        model.addAttribute("errors", errors(problems));
        model.addAttribute("notesError", errors(problems).get("notes"));
        // What the status line in the save bar says when the page opens: never "saved" for text that is not.
        model.addAttribute("saveStatus", !problems.isEmpty() ? messages.getMessage("interview.autosave.notSaved", null, locale)
                : interview.version() > 0 ? savedStatus(interview.updatedAt(), locale)
                : messages.getMessage("interview.form.neverSaved", null, locale));
        model.addAttribute("conflict", problems.stream().anyMatch(p -> p.field().equals("version")));
        model.addAttribute("lastSaved", time(interview.updatedAt()));
        model.addAttribute("completedAt", interview.completedAt() == null ? null : time(interview.completedAt()));
        model.addAttribute("analysisStarted", !Stage.ANALYSIS.isAfter(round.stage()));
        model.addAttribute("mayFlag", permissions.assignedToMe() && round.stage() != Stage.CLOSED);
        model.addAttribute("flags", permissions.assignedToMe() ? safeguarding.raisedOn(interview.id()).stream()
                .map(f -> new FlagRow(time(f.raisedAt()), f.acknowledged())).toList() : List.of());
        // The first name helps the assigned interviewer book the meeting; reading it is audited.
        model.addAttribute("firstName", interviews.childFirstName(interview).orElse(null));
        // Names of the interviewer's own children in what the form holds, each with its replacements.
        var flags = interview.editable() || !problems.isEmpty()
                ? nameFlags(interviews.childNamesIn(interview.id(), form.draft(), null), interview, locale)
                : Map.<String, List<NameFlag>>of();
        model.addAttribute("nameFlags", flags);
        model.addAttribute("nameFlagCount", flags.size());
        model.addAttribute("nameSummary", flags.values().stream()
                .map(list -> new NameSummary(InterviewPage.targetId(list.get(0).field()), list.get(0).label())).toList());
        return "interview/form";
    }

    /** A flag the interviewer raised, as the interview page lists it (never with its note). */
    record FlagRow(String raisedAt, boolean acknowledged) {
    }

    private String reflectionForm(InterviewView interview, Reflection reflection, List<InterviewPage.FieldProblem> problems,
                                  Model model) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("nameFlags", nameFlags(interviews.childNamesIn(interview.id(), null, reflection), interview, locale));
        model.addAttribute("interview", interview);
        model.addAttribute("round", rounds.get(interview.roundId()));
        model.addAttribute("reflection", reflection);
        model.addAttribute("problems", problems);
        model.addAttribute("errors", errors(problems));
        return "interview/reflection";
    }

    private static Map<String, String> errors(List<InterviewPage.FieldProblem> problems) {
        var errors = new LinkedHashMap<String, String>();
        problems.forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        return errors;
    }

    /** "Sparad 14.32" (with the date when not today), in Swedish time, as the status line says it. */
    private String savedStatus(java.time.Instant instant, Locale locale) {
        var time = instant.atZone(AuditLog.ZONE);
        var today = time.toLocalDate().equals(LocalDate.now(AuditLog.ZONE));
        var pattern = messages.getMessage(today ? "interview.autosave.timePattern" : "interview.autosave.dateTimePattern",
                null, locale);
        return messages.getMessage("interview.autosave.saved",
                new Object[] {DateTimeFormatter.ofPattern(pattern, locale).format(time)}, locale);
    }

    /** "10:15" today, otherwise with the date, in Swedish time. */
    private static String time(java.time.Instant instant) {
        var time = instant.atZone(AuditLog.ZONE);
        return time.toLocalDate().equals(LocalDate.now(AuditLog.ZONE)) ? TIME.format(time) : DATE_TIME.format(time);
    }
}
