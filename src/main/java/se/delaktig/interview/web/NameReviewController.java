package se.delaktig.interview.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.interview.FieldLabels;
import se.delaktig.interview.Interviews;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;

/**
 * The process lead's review of the children's first names in the round's interviews, and the step
 * that opens the interviews for reading in the unit. Everyone but the round's process lead gets a 404.
 */
@Controller
class NameReviewController {

    private final Interviews interviews;
    private final RoundService rounds;
    private final Guides guides;
    private final MessageSource messages;

    NameReviewController(Interviews interviews, RoundService rounds, Guides guides, MessageSource messages) {
        this.interviews = interviews;
        this.rounds = rounds;
        this.guides = guides;
        this.messages = messages;
    }

    /** One finding as the page lists it, with its field in words. */
    record Row(long interviewId, String interviewPseudonym, String field, String fieldLabel, String name,
               long participantId, String pseudonym, String excerpt) {
    }

    @GetMapping("/rounds/{id}/interview-names")
    String page(@PathVariable long id, Model model, Locale locale) {
        return page(id, model, locale, null, false);
    }

    @PostMapping("/rounds/{id}/interview-names/replace")
    String replace(@PathVariable long id, @RequestParam(required = false) Long interviewId,
                   @RequestParam(required = false) String field, @RequestParam(required = false) Long participantId,
                   @RequestParam(name = "with", defaultValue = "P") String with, Model model,
                   RedirectAttributes redirect, Locale locale) {
        if (interviewId == null || participantId == null) {
            return page(id, model, locale, new InvalidInputException("field", "namecheck.field.unknown"), false);
        }
        try {
            var finding = interviews.nameReview(id).stream()
                    .filter(f -> f.interviewId() == interviewId && f.participantId() == participantId && f.field().equals(field))
                    .findFirst();
            interviews.replaceNameAsLead(id, interviewId, field, participantId, !"C".equals(with));
            finding.ifPresent(f -> redirect.addFlashAttribute("flash", messages.getMessage("namecheck.review.replaced",
                    new Object[] {f.name(), "C".equals(with) ? se.delaktig.interview.NameFinding.CHILD : f.pseudonym()}, locale)));
            return "redirect:/rounds/" + id + "/interview-names";
        } catch (InvalidInputException e) {
            return page(id, model, locale, e, false);
        }
    }

    @PostMapping("/rounds/{id}/interview-names/open")
    String open(@PathVariable long id, @RequestParam(name = "confirm", required = false) String confirm, Model model,
                RedirectAttributes redirect, Locale locale) {
        try {
            interviews.openForReading(id, confirm != null);
            redirect.addFlashAttribute("flash", messages.getMessage("namecheck.open.opened", null, locale));
            return "redirect:/rounds/" + id + "/interview-names";
        } catch (InvalidInputException e) {
            return page(id, model, locale, e, confirm != null);
        }
    }

    private String page(long id, Model model, Locale locale, InvalidInputException error, boolean confirmed) {
        var findings = interviews.nameReview(id);
        var round = rounds.getManaged(id);
        var labels = new FieldLabels(guides.find(round.guideId()).orElseThrow());
        var rows = new ArrayList<Row>();
        for (var f : findings) {
            rows.add(new Row(f.interviewId(), f.interviewPseudonym(), f.field(), messages.getMessage(labels.of(f.field()), locale),
                    f.name(), f.participantId(), f.pseudonym(), f.excerpt()));
        }
        model.addAttribute("round", round);
        model.addAttribute("rows", List.copyOf(rows));
        model.addAttribute("opened", interviews.openedForReading(id));
        model.addAttribute("openedAt", interviews.openedAt(id)
                .map(t -> java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(t.atZone(AuditLog.ZONE)))
                .orElse(null));
        model.addAttribute("error", error == null ? null : messages.getMessage(error.messageKey(), error.args(), locale));
        model.addAttribute("errorField", error == null ? null : error.field());
        model.addAttribute("confirmed", confirmed);
        return "interview/name-review";
    }
}
