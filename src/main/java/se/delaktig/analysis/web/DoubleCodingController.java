package se.delaktig.analysis.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.DoubleCodings;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The pages of blind double coding: starting a pass, each coder's blind coding page, and the pass's
 * page, which shows only progress until both coders are done and then the agreement report.
 */
@Controller
class DoubleCodingController {

    private final DoubleCodings doubleCodings;
    private final MessageSource messages;

    DoubleCodingController(DoubleCodings doubleCodings, MessageSource messages) {
        this.doubleCodings = doubleCodings;
        this.messages = messages;
    }

    /** The start form as typed; every interview is ticked to begin with. */
    record StartForm(String firstCoderId, String secondCoderId, List<Long> interviewIds, boolean all) {
    }

    @GetMapping("/rounds/{id}/double-coding")
    String overview(@PathVariable long id, Model model) {
        return overview(id, model, FormErrors.none(), new StartForm(null, null, List.of(), true));
    }

    @PostMapping("/rounds/{id}/double-coding")
    String start(@PathVariable long id, @RequestParam(required = false) String firstCoderId,
                 @RequestParam(required = false) String secondCoderId,
                 @RequestParam(required = false) List<Long> interviewIds, Model model, RedirectAttributes redirect,
                 Locale locale) {
        var chosen = interviewIds == null ? List.<Long>of() : new ArrayList<>(interviewIds);
        var form = new StartForm(firstCoderId, secondCoderId, chosen, false);
        try {
            var pass = doubleCodings.start(id, new DoubleCodings.StartRequest(staffId("firstCoderId", firstCoderId),
                    staffId("secondCoderId", secondCoderId), chosen));
            redirect.addFlashAttribute("flash", messages.getMessage("agreement.start.started",
                    new Object[]{pass.first().coder().displayName(), pass.second().coder().displayName()}, locale));
            return "redirect:/rounds/" + id + "/double-coding/" + pass.id();
        } catch (InvalidInputException e) {
            return overview(id, model, FormErrors.of(e, messages, locale), form);
        }
    }

    @GetMapping("/rounds/{id}/double-coding/{passId}")
    String pass(@PathVariable long id, @PathVariable long passId, Model model, Locale locale) {
        var pass = doubleCodings.pass(id, passId);
        model.addAttribute("pass", pass);
        if (pass.finished()) {
            model.addAttribute("report", doubleCodings.report(id, passId, locale));
        }
        return "analysis/agreement";
    }

    @GetMapping("/rounds/{id}/double-coding/{passId}/coding")
    String blind(@PathVariable long id, @PathVariable long passId, Model model) {
        return blindPage(id, passId, model, FormErrors.none(), CodingController.SegmentForm.EMPTY);
    }

    @PostMapping("/rounds/{id}/double-coding/{passId}/coding")
    String code(@PathVariable long id, @PathVariable long passId, @RequestParam(required = false) String source,
                @RequestParam(required = false) String start, @RequestParam(required = false) String end,
                @RequestParam(required = false) String passage, @RequestParam(required = false) List<Long> codeIds,
                Model model, RedirectAttributes redirect, Locale locale) {
        var form = new CodingController.SegmentForm(source, start, end,
                codeIds == null ? List.of() : new ArrayList<>(codeIds), passage);
        try {
            var saved = doubleCodings.code(id, passId, form.request());
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.coding.saved",
                    new Object[]{saved.size(), saved.get(0).excerpt()}, locale));
            return "redirect:/rounds/" + id + "/double-coding/" + passId + "/coding";
        } catch (InvalidInputException e) {
            var field = "done".equals(e.field()) ? "done" : CodingController.SegmentForm.field(e);
            return blindPage(id, passId, model,
                    FormErrors.of(new InvalidInputException(field, e.messageKey(), e.args()), messages, locale), form);
        }
    }

    @PostMapping("/rounds/{id}/double-coding/{passId}/segments/{segmentId}/delete")
    String uncode(@PathVariable long id, @PathVariable long passId, @PathVariable long segmentId,
                  RedirectAttributes redirect, Locale locale) {
        doubleCodings.uncode(id, passId, segmentId);
        redirect.addFlashAttribute("flash", messages.getMessage("analysis.coding.removed", null, locale));
        return "redirect:/rounds/" + id + "/double-coding/" + passId + "/coding";
    }

    @PostMapping("/rounds/{id}/double-coding/{passId}/done")
    String done(@PathVariable long id, @PathVariable long passId, RedirectAttributes redirect, Locale locale) {
        var pass = doubleCodings.markDone(id, passId);
        if (pass.finished()) {
            redirect.addFlashAttribute("flash", messages.getMessage("agreement.done.bothDone.flash", null, locale));
            return "redirect:/rounds/" + id + "/double-coding/" + passId;
        }
        redirect.addFlashAttribute("flash", messages.getMessage("agreement.done.flash", null, locale));
        return "redirect:/rounds/" + id + "/double-coding/" + passId + "/coding";
    }

    @PostMapping("/rounds/{id}/double-coding/{passId}/undo")
    String undo(@PathVariable long id, @PathVariable long passId, Model model, RedirectAttributes redirect,
                Locale locale) {
        try {
            doubleCodings.undoDone(id, passId);
        } catch (InvalidInputException e) {
            return blindPage(id, passId, model, FormErrors.of(e, messages, locale), CodingController.SegmentForm.EMPTY);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("agreement.done.undone", null, locale));
        return "redirect:/rounds/" + id + "/double-coding/" + passId + "/coding";
    }

    @PostMapping("/rounds/{id}/double-coding/{passId}/adopt")
    String adopt(@PathVariable long id, @PathVariable long passId, RedirectAttributes redirect, Locale locale) {
        try {
            var added = doubleCodings.adopt(id, passId);
            redirect.addFlashAttribute("flash", messages.getMessage("agreement.adopt.done", new Object[]{added}, locale));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flash", messages.getMessage(e.messageKey(), e.args(), locale));
        }
        return "redirect:/rounds/" + id + "/double-coding/" + passId;
    }

    private String overview(long id, Model model, FormErrors errors, StartForm form) {
        var overview = doubleCodings.overview(id);
        model.addAttribute("page", overview);
        model.addAttribute("errors", errors);
        var ticked = form.all() ? overview.interviews().stream().map(DoubleCodings.InterviewChoice::interviewId).toList()
                : form.interviewIds();
        model.addAttribute("form", new StartForm(form.firstCoderId(), form.secondCoderId(), ticked, form.all()));
        return "analysis/double-coding";
    }

    private String blindPage(long id, long passId, Model model, FormErrors errors, CodingController.SegmentForm form) {
        model.addAttribute("page", doubleCodings.blindPage(id, passId));
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "analysis/blind-coding";
    }

    private static Long staffId(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "agreement.start.mayNotCode");
        }
    }
}
