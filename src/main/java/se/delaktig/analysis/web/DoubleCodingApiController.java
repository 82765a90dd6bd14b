package se.delaktig.analysis.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.analysis.AgreementReport;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.DoubleCodings;
import se.delaktig.analysis.Segment;

/**
 * Blind double coding as JSON. A coder's segments are only ever answered to that coder until both
 * are done; the report answers a 400 problem detail before that.
 */
@RestController
class DoubleCodingApiController {

    private static final String BASE = "/api/v1/rounds/{id}/double-coding";

    private final DoubleCodings doubleCodings;

    DoubleCodingApiController(DoubleCodings doubleCodings) {
        this.doubleCodings = doubleCodings;
    }

    @GetMapping(BASE)
    DoubleCodings.Overview overview(@PathVariable long id) {
        return doubleCodings.overview(id);
    }

    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    DoubleCodings.Pass start(@PathVariable long id, @RequestBody DoubleCodings.StartRequest body) {
        return doubleCodings.start(id, body);
    }

    @GetMapping(BASE + "/{passId}")
    DoubleCodings.Pass pass(@PathVariable long id, @PathVariable long passId) {
        return doubleCodings.pass(id, passId);
    }

    @GetMapping(BASE + "/{passId}/segments")
    List<Segment> ownSegments(@PathVariable long id, @PathVariable long passId) {
        return doubleCodings.ownSegments(id, passId);
    }

    @PostMapping(BASE + "/{passId}/segments")
    @ResponseStatus(HttpStatus.CREATED)
    List<Segment> code(@PathVariable long id, @PathVariable long passId, @RequestBody Codings.SegmentRequest body) {
        return doubleCodings.code(id, passId, body);
    }

    @DeleteMapping(BASE + "/{passId}/segments/{segmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void uncode(@PathVariable long id, @PathVariable long passId, @PathVariable long segmentId) {
        doubleCodings.uncode(id, passId, segmentId);
    }

    @PostMapping(BASE + "/{passId}/done")
    DoubleCodings.Pass done(@PathVariable long id, @PathVariable long passId) {
        return doubleCodings.markDone(id, passId);
    }

    @DeleteMapping(BASE + "/{passId}/done")
    DoubleCodings.Pass undo(@PathVariable long id, @PathVariable long passId) {
        return doubleCodings.undoDone(id, passId);
    }

    @GetMapping(BASE + "/{passId}/report")
    AgreementReport report(@PathVariable long id, @PathVariable long passId, Locale locale) {
        return doubleCodings.report(id, passId, locale);
    }

    @PostMapping(BASE + "/{passId}/adopt")
    Map<String, Integer> adopt(@PathVariable long id, @PathVariable long passId) {
        return Map.of("added", doubleCodings.adopt(id, passId));
    }
}
