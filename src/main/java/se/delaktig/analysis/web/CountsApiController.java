package se.delaktig.analysis.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.analysis.Counts;
import se.delaktig.analysis.RoundCounts;

/** A round's counts as JSON; sentences follow the request's language ({@code ?lang=en}). */
@RestController
class CountsApiController {

    private final Counts counts;

    CountsApiController(Counts counts) {
        this.counts = counts;
    }

    @GetMapping("/api/v1/rounds/{id}/counts")
    RoundCounts counts(@PathVariable long id) {
        return counts.forRound(id);
    }
}
