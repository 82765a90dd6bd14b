package se.delaktig.analysis.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.analysis.Counts;

/** The counts page of a round: one table per question, and the result in words. */
@Controller
class CountsController {

    private final Counts counts;

    CountsController(Counts counts) {
        this.counts = counts;
    }

    @GetMapping("/rounds/{id}/counts")
    String counts(@PathVariable long id, Model model) {
        model.addAttribute("counts", counts.forRound(id));
        return "analysis/counts";
    }
}
