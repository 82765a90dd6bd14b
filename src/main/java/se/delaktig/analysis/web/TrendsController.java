package se.delaktig.analysis.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import se.delaktig.analysis.Trends;
import se.delaktig.analysis.UnitTrends;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The trends page of a unit: its rounds side by side, question by question, each question with a
 * chart of the main answer's share per round and a table of every answer. The form picks the rounds
 * and, if wanted, one group of children; a form with a mistake comes back with what was chosen.
 */
@Controller
class TrendsController {

    private final Trends trends;
    private final MessageSource messages;

    TrendsController(Trends trends, MessageSource messages) {
        this.trends = trends;
        this.messages = messages;
    }

    @GetMapping("/units/{unitId}/trends")
    String trends(@PathVariable long unitId, @RequestParam(required = false) List<String> rounds,
                  @RequestParam(required = false) String group, @RequestParam(required = false) String picked,
                  Model model, Locale locale) {
        // A sent form with every round unticked sends no rounds at all: that is "none", not "all".
        var asked = rounds == null && picked != null ? List.<String>of() : rounds;
        try {
            var result = trends.forUnit(unitId, roundIds(asked), group, locale);
            var charts = new HashMap<String, TrendChart>();
            result.areas().forEach(area -> area.questions().forEach(q -> charts.put(q.key(), TrendChart.of(q, result.rounds()))));
            model.addAttribute("trends", result);
            model.addAttribute("charts", charts);
            model.addAttribute("errors", FormErrors.none());
            model.addAttribute("chosenGroup", result.group() == null ? "" : result.group().value());
        } catch (InvalidInputException e) {
            model.addAttribute("trends", trends.choices(unitId, locale));
            model.addAttribute("charts", new HashMap<String, TrendChart>());
            model.addAttribute("errors", FormErrors.of(e, messages, locale));
            model.addAttribute("chosenGroup", group == null ? "" : group);
        }
        model.addAttribute("chosenRounds", asked == null ? List.of() : asked);
        var groups = new LinkedHashMap<String, List<UnitTrends.GroupChoice>>();
        ((UnitTrends) model.getAttribute("trends")).groups()
                .forEach(g -> groups.computeIfAbsent(g.dimension(), d -> new ArrayList<>()).add(g));
        model.addAttribute("groupsByDimension", groups);
        return "analysis/trends";
    }

    /** Round ids as typed; something that is not a number is a round the unit does not have. */
    static List<Long> roundIds(List<String> raw) {
        if (raw == null) {
            return null;
        }
        var ids = new ArrayList<Long>();
        for (var value : raw) {
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("rounds", "trends.rounds.unknown");
            }
        }
        return ids;
    }
}
