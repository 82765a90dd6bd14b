package se.delaktig.interview.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
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
import se.delaktig.interview.Interviews;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;

/**
 * The interviewer's pages: my interviews, the interview form that follows the guide, and the
 * reflection. Plain HTML forms that work without JavaScript.
 */
@Controller
class InterviewController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Interviews interviews;
    private final RoundService rounds;
    private final Guides guides;
    private final MessageSource messages;

    InterviewController(Interviews interviews, RoundService rounds, Guides guides,
                        MessageSource messages) {
        this.interviews = interviews;
        this.rounds = rounds;
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
        try {
            var saved = interviews.save(id, form.version(), form.inputs(), form.notes());
            if (action.equals("complete")) {
                interviews.complete(id, saved.version());
                redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.completed", null, locale));
            } else {
                redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.saved", null, locale));
            }
            return "redirect:/interviews/" + id;
        } catch (InvalidInputException e) {
            // Re-read only after the refusal: the form shows what was typed, the rest what is saved.
            var interview = interviews.get(id);
            return form(interview, form, InterviewPage.problems(e, messages, locale), model, locale);
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

    @GetMapping("/interviews/{id}/reflection")
    String reflection(@PathVariable long id, Model model) {
        var interview = interviews.get(id);
        if (!interviews.permissions(interview).mayWriteReflection()) {
            throw new se.delaktig.web.NotFoundException();
        }
        return reflectionForm(interview, interview.reflection(), List.of(), model);
    }

    @PostMapping("/interviews/{id}/reflection")
    String saveReflection(@PathVariable long id, @RequestParam(name = "reflection", required = false) String reflection,
                          Model model, RedirectAttributes redirect, Locale locale) {
        try {
            interviews.saveReflection(id, reflection);
            redirect.addFlashAttribute("flash", messages.getMessage("interview.flash.reflectionSaved", null, locale));
            return "redirect:/interviews/" + id;
        } catch (InvalidInputException e) {
            return reflectionForm(interviews.get(id), reflection, InterviewPage.problems(e, messages, locale), model);
        }
    }

    // -------------------------------------------------------------------------------------------

    private String form(InterviewView interview, InterviewForm form, List<InterviewPage.FieldProblem> problems,
                        Model model, Locale locale) {
        var round = rounds.get(interview.roundId());
        var guide = guides.find(round.guideId()).orElseThrow();
        var permissions = interviews.permissions(interview);
        model.addAttribute("interview", interview);
        model.addAttribute("round", round);
        model.addAttribute("permissions", permissions);
        model.addAttribute("form", form);
        model.addAttribute("areas", InterviewPage.areas(guide, form, problems, messages, locale));
        model.addAttribute("problems", problems);
        model.addAttribute("notesError", problems.stream().filter(p -> p.field().equals("notes"))
                .map(InterviewPage.FieldProblem::message).findFirst().orElse(null));
        model.addAttribute("conflict", problems.stream().anyMatch(p -> p.field().equals("version")));
        model.addAttribute("lastSaved", time(interview.updatedAt()));
        model.addAttribute("completedAt", interview.completedAt() == null ? null : time(interview.completedAt()));
        model.addAttribute("analysisStarted", !Stage.ANALYSIS.isAfter(round.stage()));
        // The first name helps the assigned interviewer book the meeting; reading it is audited.
        model.addAttribute("firstName", interviews.childFirstName(interview).orElse(null));
        return "interview/form";
    }

    private String reflectionForm(InterviewView interview, String reflection, List<InterviewPage.FieldProblem> problems,
                                  Model model) {
        model.addAttribute("interview", interview);
        model.addAttribute("round", rounds.get(interview.roundId()));
        model.addAttribute("reflection", reflection);
        model.addAttribute("problems", problems);
        model.addAttribute("reflectionError", problems.stream().filter(p -> p.field().equals("reflection"))
                .map(InterviewPage.FieldProblem::message).findFirst().orElse(null));
        return "interview/reflection";
    }

    /** "10:15" today, otherwise with the date, in Swedish time. */
    private static String time(java.time.Instant instant) {
        var time = instant.atZone(AuditLog.ZONE);
        return time.toLocalDate().equals(LocalDate.now(AuditLog.ZONE)) ? TIME.format(time) : DATE_TIME.format(time);
    }
}
