package se.delaktig.round.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import se.delaktig.round.RoundService;
import se.delaktig.round.Selections;

/** The spread of the invited children and the missing voices, for process leads and unit managers. */
@Controller
class SelectionController {

    private final Selections selections;
    private final RoundService rounds;

    SelectionController(Selections selections, RoundService rounds) {
        this.selections = selections;
        this.rounds = rounds;
    }

    @GetMapping("/rounds/{id}/selection")
    String selection(@PathVariable long id, Model model) {
        var spread = selections.spread(id);
        model.addAttribute("round", rounds.get(id));
        model.addAttribute("spread", spread);
        return "round/selection";
    }

    @GetMapping("/rounds/{id}/missing")
    String missing(@PathVariable long id, Model model) {
        var missing = selections.missing(id);
        model.addAttribute("round", rounds.get(id));
        model.addAttribute("missing", missing);
        var tables = new java.util.ArrayList<Selections.MissingTable>();
        tables.add(missing.byReason());
        tables.addAll(missing.tables());
        model.addAttribute("tables", tables);
        return "round/missing";
    }
}
