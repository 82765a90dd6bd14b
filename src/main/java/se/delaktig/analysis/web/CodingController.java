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
 * reloading; the form on the page posts here when there is no script, with the passage's words
 * typed in. The page can be narrowed to one child, one question or the texts not coded yet.
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

    /**
     * The coding form as typed. {@code start} and {@code end} are where the page's script found the
     * selection; a person never sees or types them, and without script they are empty.
     */
    record SegmentForm(String source, String start, String end, List<Long> codeIds, String passage) {
        static final SegmentForm EMPTY = new SegmentForm(null, null, null, List.of(), null);

        Codings.SegmentRequest request() {
            return new Codings.SegmentRequest(source, offset(start), offset(end), codeIds, passage == null ? "" : passage);
        }

        /** The form field a refused request is told at. */
        static String field(InvalidInputException e) {
            return switch (e.field()) {
                case "source" -> "coding-source";
                case "passage", "start", "end" -> "coding-passage";
                default -> "coding-codes";
            };
        }
    }

    @GetMapping("/rounds/{id}/coding")
    String coding(@PathVariable long id, @RequestParam(required = false) Long child,
                  @RequestParam(required = false) Long question, @RequestParam(defaultValue = "false") boolean uncoded,
                  Model model) {
        return page(id, model, FormErrors.none(), SegmentForm.EMPTY, new CodingFilter(child, question, uncoded));
    }

    @PostMapping("/rounds/{id}/coding")
    String code(@PathVariable long id, @RequestParam(required = false) String source,
                @RequestParam(required = false) String start, @RequestParam(required = false) String end,
                @RequestParam(required = false) String passage, @RequestParam(required = false) List<Long> codeIds,
                @RequestParam(required = false) Long child, @RequestParam(required = false) Long question,
                @RequestParam(defaultValue = "false") boolean uncoded,
                Model model, RedirectAttributes redirect, Locale locale) {
        var form = new SegmentForm(source, start, end, codeIds == null ? List.of() : new ArrayList<>(codeIds), passage);
        var filter = new CodingFilter(child, question, uncoded);
        try {
            var saved = codings.code(id, form.request());
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.coding.saved",
                    new Object[]{saved.size(), saved.get(0).excerpt()}, locale));
            return "redirect:" + filter.query("/rounds/" + id + "/coding");
        } catch (InvalidInputException e) {
            var field = SegmentForm.field(e);
            return page(id, model, FormErrors.of(new InvalidInputException(field, e.messageKey(), e.args()), messages, locale),
                    form, filter);
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

    /** A place the script found; anything else (nothing, or not a number) leaves the words to decide. */
    static Integer offset(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String page(long id, Model model, FormErrors errors, SegmentForm form, CodingFilter filter) {
        var page = codings.page(id);
        model.addAttribute("page", page);
        model.addAttribute("shown", filter.apply(page.texts()));
        model.addAttribute("filter", filter);
        model.addAttribute("children", CodingFilter.children(page.texts()));
        model.addAttribute("questions", CodingFilter.questions(page.texts()));
        model.addAttribute("quoted", quotes.quotedSegments(id));
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        return "analysis/coding";
    }
}
