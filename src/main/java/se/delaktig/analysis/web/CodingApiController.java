package se.delaktig.analysis.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.analysis.Code;
import se.delaktig.analysis.CodePage;
import se.delaktig.analysis.Codebook;
import se.delaktig.analysis.Codebooks;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.Segment;

/** Codebook and coding as JSON; what coding.js calls to code without reloading the page. */
@RestController
class CodingApiController {

    private final Codebooks codebooks;
    private final Codings codings;

    CodingApiController(Codebooks codebooks, Codings codings) {
        this.codebooks = codebooks;
        this.codings = codings;
    }

    /** A new code: a sub-theme when {@code parentId} is given; {@code description} says when to use it. */
    record NewCode(String name, Long parentId, String description) {
    }

    /**
     * A change of name and/or description, based on the version the person saw; a field left out is
     * left as it is, an empty description removes it.
     */
    record Rename(String name, int version, String description) {
    }

    @GetMapping("/api/v1/rounds/{id}/codebook")
    Codebook codebook(@PathVariable long id) {
        return codebooks.codebook(id);
    }

    @PostMapping("/api/v1/rounds/{id}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    Code add(@PathVariable long id, @RequestBody NewCode body) {
        return codebooks.add(id, body.name(), body.parentId(), body.description());
    }

    @PatchMapping("/api/v1/rounds/{id}/codes/{codeId}")
    Code rename(@PathVariable long id, @PathVariable long codeId, @RequestBody Rename body) {
        return codebooks.edit(id, codeId, body.version(), body.name(), body.description());
    }

    @GetMapping("/api/v1/rounds/{id}/codes/{codeId}")
    CodePage code(@PathVariable long id, @PathVariable long codeId) {
        return codings.codePage(id, codeId);
    }

    @PostMapping("/api/v1/rounds/{id}/segments")
    @ResponseStatus(HttpStatus.CREATED)
    List<Segment> code(@PathVariable long id, @RequestBody Codings.SegmentRequest body) {
        return codings.code(id, body);
    }

    @DeleteMapping("/api/v1/rounds/{id}/segments/{segmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void uncode(@PathVariable long id, @PathVariable long segmentId) {
        codings.uncode(id, segmentId);
    }
}
