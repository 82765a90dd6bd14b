package se.delaktig.feedback.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import se.delaktig.feedback.FeedbackVersion;
import se.delaktig.feedback.Feedbacks;
import se.delaktig.feedback.QrCodes;
import se.delaktig.guide.AgeBand;
import se.delaktig.round.RoundService;
import se.delaktig.web.FormErrors;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The team's page for a round's feedback: start it, edit one version (age band and language) at a
 * time, add or remove a translation, approve, print the letters, and find the public link and QR
 * code. A refused form re-renders with what was typed and the error next to its field.
 */
@Controller
class FeedbackController {

    /** What was typed in a version's form, to show it back when refused. */
    record Typed(Map<String, String> headings, Map<String, String> points, List<Long> quoteIds, String doing) {
    }

    private final Feedbacks feedbacks;
    private final RoundService rounds;
    private final MessageSource messages;

    FeedbackController(Feedbacks feedbacks, RoundService rounds, MessageSource messages) {
        this.feedbacks = feedbacks;
        this.rounds = rounds;
        this.messages = messages;
    }

    @GetMapping("/rounds/{id}/feedback")
    String page(@PathVariable long id, @RequestParam(required = false) String age,
                @RequestParam(required = false) String language, Model model) {
        return page(id, age, language, null, FormErrors.none(), model);
    }

    @PostMapping("/rounds/{id}/feedback")
    String start(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        feedbacks.start(id);
        redirect.addFlashAttribute("flash", messages.getMessage("feedback.started", null, locale));
        return "redirect:/rounds/" + id + "/feedback";
    }

    @PostMapping("/rounds/{id}/feedback/versions/{age}/{language}")
    String save(@PathVariable long id, @PathVariable String age, @PathVariable String language,
                @RequestParam MultiValueMap<String, String> form, Model model, Locale locale, RedirectAttributes redirect) {
        var band = AgeBand.fromCode(age).orElseThrow(NotFoundException::new);
        var headings = new LinkedHashMap<String, String>();
        var points = new LinkedHashMap<String, String>();
        form.forEach((name, values) -> {
            if (name.startsWith("heading-")) {
                headings.put(name.substring("heading-".length()), values.get(0));
            } else if (name.startsWith("points-")) {
                points.put(name.substring("points-".length()), values.get(0));
            }
        });
        var quoteIds = new ArrayList<Long>();
        form.getOrDefault("quote", List.of()).forEach(q -> quoteIds.add(parseLong(q)));
        var doing = form.getFirst("doing");
        try {
            feedbacks.save(id, band, language, version(form.getFirst("version")),
                    new Feedbacks.VersionInput(headings, points, quoteIds, doing));
            redirect.addFlashAttribute("flash", messages.getMessage("feedback.saved", null, locale));
            return "redirect:" + address(id, band.code(), language) + "#edit";
        } catch (InvalidInputException e) {
            return page(id, age, language, new Typed(headings, points, quoteIds, doing),
                    FormErrors.of(e, messages, locale), model);
        }
    }

    @PostMapping("/rounds/{id}/feedback/languages")
    String addLanguage(@PathVariable long id, @RequestParam(required = false) String language,
                       @RequestParam(required = false) String version, Model model, Locale locale,
                       RedirectAttributes redirect) {
        try {
            feedbacks.addLanguage(id, language, version(version));
            redirect.addFlashAttribute("flash", messages.getMessage("feedback.language.added", null, locale));
            return "redirect:" + address(id, AgeBand.AGES_9_12.code(), language.strip());
        } catch (InvalidInputException e) {
            return page(id, null, null, null, FormErrors.of(e, messages, locale), model);
        }
    }

    @PostMapping("/rounds/{id}/feedback/languages/{language}/remove")
    String removeLanguage(@PathVariable long id, @PathVariable String language,
                          @RequestParam(required = false) String version, Model model, Locale locale,
                          RedirectAttributes redirect) {
        try {
            feedbacks.removeLanguage(id, language, version(version));
            redirect.addFlashAttribute("flash", messages.getMessage("feedback.language.removed", null, locale));
            return "redirect:/rounds/" + id + "/feedback";
        } catch (InvalidInputException e) {
            return page(id, null, null, null, FormErrors.of(e, messages, locale), model);
        }
    }

    @PostMapping("/rounds/{id}/feedback/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String version, Model model, Locale locale,
                   RedirectAttributes redirect) {
        try {
            feedbacks.approve(id, version(version));
            redirect.addFlashAttribute("flash", messages.getMessage("feedback.approved", null, locale));
            return "redirect:/rounds/" + id + "/feedback";
        } catch (InvalidInputException e) {
            return page(id, null, null, null, FormErrors.of(e, messages, locale), model);
        }
    }

    @GetMapping("/rounds/{id}/feedback/letters/{age}/{language}.pdf")
    ResponseEntity<byte[]> letter(@PathVariable long id, @PathVariable String age, @PathVariable String language) {
        var band = AgeBand.fromCode(age).orElseThrow(NotFoundException::new);
        var pdf = feedbacks.letter(id, band, language);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.content());
    }

    private String page(long id, String age, String language, Typed typed, FormErrors errors, Model model) {
        var round = rounds.get(id);
        var feedback = feedbacks.find(id).orElse(null);
        var mayEdit = feedbacks.mayEdit(id);
        model.addAttribute("round", round);
        model.addAttribute("feedback", feedback);
        model.addAttribute("mayEdit", mayEdit);
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        if (feedback != null) {
            var band = AgeBand.fromCode(age == null ? "" : age).orElse(AgeBand.AGES_9_12);
            var selected = feedback.draft(band, language == null ? "sv" : language)
                    .or(() -> feedback.draft(band, "sv")).orElse(feedback.drafts().get(0));
            model.addAttribute("selected", selected);
            model.addAttribute("bandKey", bandKey(selected.band()));
            model.addAttribute("bands", AgeBand.values());
            model.addAttribute("publicUrl", feedbacks.publicUrl(feedback));
            model.addAttribute("qr", QrCodes.dataUri(feedbacks.publicUrl(feedback)));
            model.addAttribute("letters", feedback.published().stream()
                    .map(v -> new Letter(v, Feedbacks.printable(v))).toList());
            if (mayEdit) {
                model.addAttribute("quotes", feedbacks.approvedQuotes(id));
                model.addAttribute("addable", feedbacks.addableLanguages(feedback));
            }
            model.addAttribute("chosenQuotes", typed != null ? typed.quoteIds()
                    : selected.quotes().stream().map(FeedbackVersion.Quote::id).toList());
        }
        return "feedback/edit";
    }

    /** How message keys name an age band's wording: young, middle, teen. */
    static String bandKey(AgeBand band) {
        return switch (band) {
            case AGES_5_8 -> "young";
            case AGES_9_12 -> "middle";
            case AGES_13_18 -> "teen";
        };
    }

    /** A published version and whether it can be printed. */
    record Letter(FeedbackVersion version, boolean printable) {
    }

    static String address(long roundId, String age, String language) {
        return UriComponentsBuilder.fromPath("/rounds/{id}/feedback").queryParam("age", age)
                .queryParam("language", language).buildAndExpand(roundId).toUriString();
    }

    private static int version(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("version", "feedback.conflict");
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("version", "feedback.conflict");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
