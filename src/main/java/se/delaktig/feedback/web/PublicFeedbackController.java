package se.delaktig.feedback.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import se.delaktig.feedback.Feedbacks;
import se.delaktig.guide.AgeBand;
import se.delaktig.web.NotFoundException;

/**
 * The children's page, open to anyone with the link: the published feedback in the chosen age band
 * and language, in large text, with read-aloud. It has its own plain layout, without the staff menu
 * or the demo banner; an unknown or unpublished token gets a child-friendly 404 in the same layout.
 */
@Controller
class PublicFeedbackController {

    private final Feedbacks feedbacks;

    PublicFeedbackController(Feedbacks feedbacks) {
        this.feedbacks = feedbacks;
    }

    @GetMapping("/feedback/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String age,
                @RequestParam(required = false) String language, Model model) {
        var feedback = feedbacks.published(token);
        var band = AgeBand.fromCode(age == null ? "" : age).orElse(feedback.bands().contains(AgeBand.AGES_9_12)
                ? AgeBand.AGES_9_12 : feedback.bands().get(0));
        var version = feedback.version(band, language == null ? "sv" : language)
                .or(() -> feedback.version(band, "sv"))
                .or(() -> feedback.versions().stream().filter(v -> v.band() == band).findFirst())
                .orElse(feedback.versions().get(0));
        model.addAttribute("feedback", feedback);
        model.addAttribute("version", version);
        model.addAttribute("bandKey", FeedbackController.bandKey(version.band()));
        model.addAttribute("languages", feedback.versions().stream().filter(v -> v.band() == version.band()).toList());
        return "feedback/public";
    }

    @ExceptionHandler(NotFoundException.class)
    String missing(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "feedback/missing";
    }
}
