package se.delaktig.analysis.web;

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
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The codebook page of a round: the codes with their child counts, forms to add, rename, merge and
 * retire codes and to copy an earlier round's codebook, and the history. A refused change re-renders
 * the page with the message next to the code concerned and what was typed kept.
 */
@Controller
class CodebookController {

    private final Codebooks codebooks;
    private final Codings codings;
    private final MessageSource messages;

    CodebookController(Codebooks codebooks, Codings codings, MessageSource messages) {
        this.codebooks = codebooks;
        this.codings = codings;
        this.messages = messages;
    }

    /** What was typed into one of the page's forms, kept when it is refused. */
    record Typed(String form, Long codeId, String name, Long parentId, Long targetId, String description) {
        static final Typed NONE = new Typed(null, null, null, null, null, null);
    }

    @GetMapping("/rounds/{id}/codebook")
    String codebook(@PathVariable long id, Model model) {
        return page(id, model, FormErrors.none(), Typed.NONE);
    }

    @PostMapping("/rounds/{id}/codebook/codes")
    String add(@PathVariable long id, @RequestParam(required = false) String name,
               @RequestParam(required = false) Long parentId, @RequestParam(required = false) String description,
               Model model, RedirectAttributes redirect, Locale locale) {
        try {
            var code = codebooks.add(id, name, parentId, description);
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.code.added", new Object[]{code.name()}, locale));
            return "redirect:/rounds/" + id + "/codebook";
        } catch (InvalidInputException e) {
            var field = switch (e.field()) {
                case "parentId" -> "new-parent";
                case "description" -> "new-description";
                default -> "new-name";
            };
            return page(id, model, errors(field, e, locale), new Typed("add", null, name, parentId, null, description));
        }
    }

    @PostMapping("/rounds/{id}/codebook/codes/{codeId}/rename")
    String rename(@PathVariable long id, @PathVariable long codeId, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String description, @RequestParam int version, Model model,
                  RedirectAttributes redirect, Locale locale) {
        try {
            var code = codebooks.edit(id, codeId, version, name, description);
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.code.saved", new Object[]{code.name()}, locale));
            return "redirect:/rounds/" + id + "/codebook#code-" + codeId;
        } catch (InvalidInputException e) {
            var field = "description".equals(e.field()) ? "describe-" + codeId : "code-" + codeId;
            return page(id, model, errors(field, e, locale), new Typed("rename", codeId, name, null, null, description));
        }
    }

    @PostMapping("/rounds/{id}/codebook/codes/{codeId}/merge")
    String merge(@PathVariable long id, @PathVariable long codeId, @RequestParam(required = false) Long targetId,
                 @RequestParam int version, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            if (targetId == null) {
                throw new InvalidInputException("targetId", "analysis.code.targetUnknown");
            }
            var code = codebooks.merge(id, codeId, version, targetId);
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.code.merged",
                    new Object[]{code.name(), codebooks.code(id, targetId).name()}, locale));
            return "redirect:/rounds/" + id + "/codebook";
        } catch (InvalidInputException e) {
            return page(id, model, errors("code-" + codeId, e, locale), new Typed("merge", codeId, null, null, targetId, null));
        }
    }

    @PostMapping("/rounds/{id}/codebook/codes/{codeId}/retire")
    String retire(@PathVariable long id, @PathVariable long codeId, @RequestParam int version, Model model,
                  RedirectAttributes redirect, Locale locale) {
        try {
            var code = codebooks.retire(id, codeId, version);
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.code.retired", new Object[]{code.name()}, locale));
            return "redirect:/rounds/" + id + "/codebook";
        } catch (InvalidInputException e) {
            return page(id, model, errors("code-" + codeId, e, locale), new Typed("retire", codeId, null, null, null, null));
        }
    }

    @PostMapping("/rounds/{id}/codebook/copy")
    String copy(@PathVariable long id, @RequestParam(required = false) Long sourceRoundId, Model model,
                RedirectAttributes redirect, Locale locale) {
        try {
            if (sourceRoundId == null) {
                throw new InvalidInputException("sourceRoundId", "analysis.codebook.sourceUnknown");
            }
            var added = codebooks.copyFrom(id, sourceRoundId);
            redirect.addFlashAttribute("flash", messages.getMessage("analysis.codebook.copied", new Object[]{added}, locale));
            return "redirect:/rounds/" + id + "/codebook";
        } catch (InvalidInputException e) {
            return page(id, model, errors("copy-source", e, locale), Typed.NONE);
        }
    }

    private FormErrors errors(String field, InvalidInputException e, Locale locale) {
        return FormErrors.of(new InvalidInputException(field, e.messageKey(), e.args()), messages, locale);
    }

    private String page(long id, Model model, FormErrors errors, Typed typed) {
        model.addAttribute("codebook", codebooks.codebook(id));
        model.addAttribute("children", codings.childrenPerCode(id));
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return "analysis/codebook";
    }
}
