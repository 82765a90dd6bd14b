package se.delaktig.analysis.web;

import java.util.List;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.analysis.Trends;
import se.delaktig.analysis.UnitTrends;

/**
 * A unit's rounds compared over the years as JSON, with the same small-number rule as the page:
 * a suppressed number has {@code suppressed: true}, no count and the text "färre än 5".
 * {@code ?rounds=1,2} picks rounds (default all), {@code ?group=GENDER:GIRL} narrows to one group,
 * {@code ?lang=en} gives English labels and sentences.
 */
@RestController
class TrendsApiController {

    private final Trends trends;

    TrendsApiController(Trends trends) {
        this.trends = trends;
    }

    @GetMapping({"/api/v1/units/{unitId}/trends", "/api/units/{unitId}/trends"})
    UnitTrends trends(@PathVariable long unitId, @RequestParam(required = false) List<String> rounds,
                      @RequestParam(required = false) String group) {
        return trends.forUnit(unitId, TrendsController.roundIds(rounds), group, LocaleContextHolder.getLocale());
    }
}
