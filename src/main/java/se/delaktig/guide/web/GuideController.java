package se.delaktig.guide.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.guide.GuideEditor;
import se.delaktig.guide.Guides;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/** The guide versions, one whole guide (readable on screen and on paper) and what changed between two. */
@Controller
class GuideController {

    private final Guides guides;
    private final GuideEditor editor;
    private final MessageSource messages;

    GuideController(Guides guides, GuideEditor editor, MessageSource messages) {
        this.guides = guides;
        this.editor = editor;
        this.messages = messages;
    }

    @GetMapping("/guides")
    String list(Model model) {
        model.addAttribute("guides", guides.all());
        model.addAttribute("canEdit", editor.mayEdit());
        return "guide/list";
    }

    @GetMapping("/guides/{id}")
    String show(@PathVariable long id, Model model) {
        var guide = guides.find(id).orElseThrow(NotFoundException::new);
        model.addAttribute("guide", guide);
        model.addAttribute("questionCount", guide.questions().count());
        model.addAttribute("otherVersions", guides.versions(guide.name()).stream().filter(v -> v.id() != id).toList());
        model.addAttribute("canEdit", editor.mayEdit());
        return "guide/show";
    }

    /** The compare form on the guide page submits {@code ?with=}; the result has an address of its own. */
    @GetMapping("/guides/{id}/compare")
    String compareWith(@PathVariable long id, @RequestParam(required = false) Long with) {
        if (with == null) {
            return "redirect:/guides/" + id;
        }
        return "redirect:/guides/" + id + "/compare/" + with;
    }

    @GetMapping("/guides/{from}/compare/{to}")
    String compare(@PathVariable long from, @PathVariable long to, Model model) {
        model.addAttribute("comparison", guides.compare(from, to));
        return "guide/compare";
    }

    record NewGuideForm(String name) {
    }

    @GetMapping("/guides/new")
    String newGuide(Model model) {
        return newForm(model, new NewGuideForm(""), FormErrors.none());
    }

    @PostMapping("/guides")
    String create(NewGuideForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            var created = editor.createGuide(form.name());
            redirect.addFlashAttribute("flash", messages.getMessage("guide.new.created", null, locale));
            return "redirect:/guides/" + created.guideId() + "/edit";
        } catch (InvalidInputException e) {
            return newForm(model, form, FormErrors.of(e, messages, locale));
        }
    }

    private String newForm(Model model, NewGuideForm form, FormErrors errors) {
        if (!editor.mayEdit()) {
            throw new NotFoundException();
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "guide/new";
    }
}
