package se.delaktig.analysis.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.analysis.Quotes;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;

/**
 * The quote page of a round, and marking a coded segment as a candidate from the coding page and the
 * per-code page when there is no script. Every form works without script and by keyboard.
 */
@Controller
class QuotesController {

    private final Quotes quotes;
    private final MessageSource messages;

    QuotesController(Quotes quotes, MessageSource messages) {
        this.quotes = quotes;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/quotes")
    String page(@PathVariable long id, Model model) {
        return page(id, model, FormErrors.none(), Map.of());
    }

    /** Marks a segment; {@code back} is "coding" or the id of the code whose page the person came from. */
    @PostMapping("/rounds/{id}/quotes")
    String mark(@PathVariable long id, @RequestParam(required = false) Long segmentId,
                @RequestParam(required = false) String back, RedirectAttributes redirect, Locale locale) {
        var target = back != null && back.matches("\\d{1,18}") ? "/rounds/" + id + "/codes/" + back
                : back != null && back.equals("coding") ? "/rounds/" + id + "/coding" : null;
        try {
            var quote = quotes.mark(id, segmentId);
            redirect.addFlashAttribute("flash", messages.getMessage("quote.marked", new Object[]{quote.text()}, locale));
            return "redirect:" + (target != null ? target : "/rounds/" + id + "/quotes#quote-" + quote.id());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flash", messages.getMessage(e.messageKey(), e.args(), locale));
            return "redirect:" + (target != null ? target : "/rounds/" + id + "/quotes");
        }
    }

    @PostMapping("/rounds/{id}/quotes/{quoteId}/edit")
    String edit(@PathVariable long id, @PathVariable long quoteId, @RequestParam(required = false) Integer version,
                @RequestParam(required = false) String text, Model model, RedirectAttributes redirect, Locale locale) {
        try {
            var quote = quotes.edit(id, quoteId, version, text);
            redirect.addFlashAttribute("flash", messages.getMessage(quote.clean() ? "quote.savedClean" : "quote.savedFindings",
                    new Object[]{quote.findings().size()}, locale));
            return back(id, quoteId);
        } catch (InvalidInputException e) {
            var typed = new HashMap<Long, String>();
            typed.put(quoteId, text == null ? "" : text);
            return page(id, model, errors(quoteId, e, locale), typed);
        }
    }

    @PostMapping("/rounds/{id}/quotes/{quoteId}/replace")
    String replace(@PathVariable long id, @PathVariable long quoteId, @RequestParam(required = false) Integer version,
                   @RequestParam(required = false) Integer start, @RequestParam(required = false) Integer end,
                   Model model, RedirectAttributes redirect, Locale locale) {
        return act(id, quoteId, model, locale, () -> {
            var quote = quotes.replace(id, quoteId, version, start, end);
            redirect.addFlashAttribute("flash", messages.getMessage(quote.clean() ? "quote.replacedClean" : "quote.replaced",
                    new Object[]{quote.findings().size()}, locale));
            return back(id, quoteId);
        });
    }

    @PostMapping("/rounds/{id}/quotes/{quoteId}/approve")
    String approve(@PathVariable long id, @PathVariable long quoteId, @RequestParam(required = false) Integer version,
                   Model model, RedirectAttributes redirect, Locale locale) {
        return act(id, quoteId, model, locale, () -> {
            quotes.approve(id, quoteId, version);
            redirect.addFlashAttribute("flash", messages.getMessage("quote.approvedNow", null, locale));
            return back(id, quoteId);
        });
    }

    @PostMapping("/rounds/{id}/quotes/{quoteId}/unapprove")
    String unapprove(@PathVariable long id, @PathVariable long quoteId, @RequestParam(required = false) Integer version,
                     Model model, RedirectAttributes redirect, Locale locale) {
        return act(id, quoteId, model, locale, () -> {
            quotes.unapprove(id, quoteId, version);
            redirect.addFlashAttribute("flash", messages.getMessage("quote.unapprovedNow", null, locale));
            return back(id, quoteId);
        });
    }

    @PostMapping("/rounds/{id}/quotes/{quoteId}/withdraw")
    String withdraw(@PathVariable long id, @PathVariable long quoteId, @RequestParam(required = false) Integer version,
                    Model model, RedirectAttributes redirect, Locale locale) {
        return act(id, quoteId, model, locale, () -> {
            quotes.withdraw(id, quoteId, version);
            redirect.addFlashAttribute("flash", messages.getMessage("quote.withdrawnNow", null, locale));
            return "redirect:/rounds/" + id + "/quotes";
        });
    }

    /** Runs one change of a quote; refused input shows the page again with the error at that quote. */
    private String act(long id, long quoteId, Model model, Locale locale, Supplier<String> change) {
        try {
            return change.get();
        } catch (InvalidInputException e) {
            return page(id, model, errors(quoteId, e, locale), Map.of());
        }
    }

    private static String back(long id, long quoteId) {
        return "redirect:/rounds/" + id + "/quotes#quote-" + quoteId;
    }

    /** Every error of a quote stands under its text box, which the summary links to. */
    private FormErrors errors(long quoteId, InvalidInputException e, Locale locale) {
        return FormErrors.of(new InvalidInputException("quote-" + quoteId + "-text", e.messageKey(), e.args()), messages, locale);
    }

    private String page(long id, Model model, FormErrors errors, Map<Long, String> typed) {
        model.addAttribute("page", quotes.page(id));
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return "analysis/quotes";
    }
}
