package se.delaktig.guide.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.guide.Guides;
import se.delaktig.web.NotFoundException;

/** The guide versions and one whole guide, readable on screen and on paper. */
@Controller
class GuideController {

    private final Guides guides;

    GuideController(Guides guides) {
        this.guides = guides;
    }

    @GetMapping("/guides")
    String list(Model model) {
        model.addAttribute("guides", guides.all());
        return "guide/list";
    }

    @GetMapping("/guides/{id}")
    String show(@PathVariable long id, Model model) {
        var guide = guides.find(id).orElseThrow(NotFoundException::new);
        model.addAttribute("guide", guide);
        model.addAttribute("questionCount", guide.questions().count());
        return "guide/show";
    }
}
