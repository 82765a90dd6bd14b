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
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.Quotes;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The coding page and the per-code page. Coding itself goes through the API from coding.js without
 * reloading; the form on the page posts here when there is no script, with the offsets typed in.
 */
@Controller
class CodingController {

    private final Codings codings;
    private final Quotes quotes;
    private final Codebooks codebooks;
    private final MessageSource messages;

    CodingController(Codings codings, Quotes quotes, Codebooks codebooks, MessageSource messages) {
        this.codings = codings;
        this.quotes = quotes;
        this.codebooks = codebooks;
        this.messages = messages;
    }

    /** The coding form as typed; offsets are text so that "abc" is told as an error, not a 404. */
    record SegmentForm(String source, String start, String end, List<Long> codeIds) {
        static final SegmentForm EMPTY = new SegmentForm(null, null, null, List.of());
    }

    @GetMapping("/rounds/{id}/coding")
    String coding(@PathVariable long id, Model model) {
        return page(id, model, FormErrors.none(), SegmentForm.EMPTY);
    }

    @PostMapping("/rounds/{id}/coding")
    String code(@PathVariable long id, @RequestParam(required = false) String source,
                @RequestParam(required = false) String start, @RequestParam(required = false) String end,
                @RequestParam(required = false) List<Long> codeIds, Model model, RedirectAttributes redirect,
                Locale locale) {
        var form = new SegmentForm(source, start, end, codeIds == null ? List.of() : new ArrayList<>(codeIds));
        try {
            var saved = codings.code(id, new Codings.SegmentRequest(source, offset("start", start), offset("end", end),
                    form.codeIds()));
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.coding.saved",
                    new Object[]{saved.size(), saved.get(0).excerpt()}, locale));
            return "redirect:/rounds/" + id + "/coding";
        } catch (InvalidInputException e) {
            var field = switch (e.field()) {
                case "start", "end", "source" -> "coding-" + e.field();
                default -> "coding-codes";
            };
            return page(id, model, FormErrors.of(new InvalidInputException(field, e.messageKey(), e.args()), messages, locale), form);
        }
    }

    @PostMapping("/rounds/{id}/coding/segments/{segmentId}/delete")
    String uncode(@PathVariable long id, @PathVariable long segmentId, RedirectAttributes redirect, Locale locale) {
        codings.uncode(id, segmentId);
        redirect.addFlashAttribute("flash", messages.getMessage("analysis.coding.removed", null, locale));
        return "redirect:/rounds/" + id + "/coding";
    }

    @GetMapping("/rounds/{id}/codes/{codeId}")
    String code(@PathVariable long id, @PathVariable long codeId, Model model) {
        model.addAttribute("page", codings.codePage(id, codeId));
        model.addAttribute("quoted", quotes.quotedSegments(id));
        model.addAttribute("mayCode", codebooks.mayEdit(id));
        return "analysis/code";
    }

    private static Integer offset(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "analysis.coding.number");
        }
    }

    private String page(long id, Model model, FormErrors errors, SegmentForm form) {
        model.addAttribute("page", codings.page(id));
        model.addAttribute("quoted", quotes.quotedSegments(id));
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "analysis/coding";
    }
}
