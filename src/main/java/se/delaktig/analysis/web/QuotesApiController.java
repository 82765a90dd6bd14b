package se.delaktig.analysis.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.analysis.Finding;
import se.delaktig.analysis.Quote;
import se.delaktig.analysis.Quotes;

/**
 * Quotes as JSON: mark a coded segment as a candidate, check a wording, edit, replace a finding,
 * approve, take an approval back and withdraw. Every change carries the version the caller saw.
 */
@RestController
class QuotesApiController {

    private final Quotes quotes;

    QuotesApiController(Quotes quotes) {
        this.quotes = quotes;
    }

    /** The coded segment whose span becomes a candidate quote. */
    record Mark(Long segmentId) {
    }

    /** A wording to check without saving it. */
    record Check(String text) {
    }

    /** A new wording, based on the version the caller saw. */
    record Edit(String text, Integer version) {
    }

    /** The finding (by its offsets in the current wording) to replace with its placeholder. */
    record Replace(Integer start, Integer end, Integer version) {
    }

    /** The version the caller saw. */
    record Version(Integer version) {
    }

    @GetMapping("/api/v1/rounds/{id}/quotes")
    List<Quote> list(@PathVariable long id) {
        return quotes.list(id);
    }

    @PostMapping("/api/v1/rounds/{id}/quotes")
    @ResponseStatus(HttpStatus.CREATED)
    Quote mark(@PathVariable long id, @RequestBody Mark body) {
        return quotes.mark(id, body.segmentId());
    }

    @PostMapping("/api/v1/rounds/{id}/quotes/check")
    @se.delaktig.privacy.StoresNoText("answers with the findings in the text; finding identity numbers is its purpose")
    List<Finding> check(@PathVariable long id, @RequestBody Check body) {
        return quotes.check(id, body.text());
    }

    @GetMapping("/api/v1/rounds/{id}/quotes/{quoteId}")
    Quote get(@PathVariable long id, @PathVariable long quoteId) {
        return quotes.get(id, quoteId);
    }

    @PutMapping("/api/v1/rounds/{id}/quotes/{quoteId}")
    Quote edit(@PathVariable long id, @PathVariable long quoteId, @RequestBody Edit body) {
        return quotes.edit(id, quoteId, body.version(), body.text());
    }

    @PostMapping("/api/v1/rounds/{id}/quotes/{quoteId}/replace")
    Quote replace(@PathVariable long id, @PathVariable long quoteId, @RequestBody Replace body) {
        return quotes.replace(id, quoteId, body.version(), body.start(), body.end());
    }

    @PostMapping("/api/v1/rounds/{id}/quotes/{quoteId}/approve")
    Quote approve(@PathVariable long id, @PathVariable long quoteId, @RequestBody Version body) {
        return quotes.approve(id, quoteId, body.version());
    }

    @PostMapping("/api/v1/rounds/{id}/quotes/{quoteId}/unapprove")
    Quote unapprove(@PathVariable long id, @PathVariable long quoteId, @RequestBody Version body) {
        return quotes.unapprove(id, quoteId, body.version());
    }

    @PostMapping("/api/v1/rounds/{id}/quotes/{quoteId}/withdraw")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable long id, @PathVariable long quoteId, @RequestBody Version body) {
        quotes.withdraw(id, quoteId, body.version());
    }
}
