package se.delaktig.analysis.web;

import java.util.HashMap;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.analysis.Counts;

/** The counts page of a round: one table and one bar chart per question, the result in words,
 * and the breakdowns with their small numbers suppressed. */
@Controller
class CountsController {

    private final Counts counts;

    CountsController(Counts counts) {
        this.counts = counts;
    }

    @GetMapping("/rounds/{id}/counts")
    String counts(@PathVariable long id, Model model, Locale locale) {
        var result = counts.forRound(id, locale);
        var charts = new HashMap<Long, BarChart>();
        result.areas().forEach(area -> area.questions().forEach(q -> charts.put(q.questionId(), BarChart.of(q, locale))));
        model.addAttribute("counts", result);
        model.addAttribute("charts", charts);
        return "analysis/counts";
    }
}
