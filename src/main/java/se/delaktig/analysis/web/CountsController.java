package se.delaktig.analysis.web;

import java.util.HashMap;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import se.delaktig.analysis.Counts;

/**
 * The counts page of a round: per question a bar chart or a table (a button switches), the result
 * in words, and the breakdowns with their small numbers suppressed. The area filter and the choice
 * of charts or tables are plain GET parameters, so they work without script and can be linked to.
 */
@Controller
class CountsController {

    private final Counts counts;
    private final MessageSource messages;

    CountsController(Counts counts, MessageSource messages) {
        this.counts = counts;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/counts")
    String counts(@PathVariable long id, @RequestParam(required = false) String area,
                  @RequestParam(required = false) String view, Model model, Locale locale) {
        var result = counts.forRound(id, locale);
        var page = CountsView.of(result, area, view);
        var charts = new HashMap<Long, BarChart>();
        page.areas().forEach(a -> a.questions().forEach(q -> charts.put(q.questionId(), BarChart.of(q, locale))));
        model.addAttribute("counts", result);
        model.addAttribute("page", page);
        model.addAttribute("tooFew", page.tooFew().isEmpty() ? null
                : page.tooFewPhrase(messages.getMessage("analysis.counts.or", null, locale)));
        model.addAttribute("charts", charts);
        return "analysis/counts";
    }
}
