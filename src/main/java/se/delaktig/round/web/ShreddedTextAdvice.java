package se.delaktig.round.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.round.RoundClosure;
import se.delaktig.round.RoundService;
import se.delaktig.web.NotFoundException;

/**
 * The one place where a destroyed key meets a person. Any page or API call that would show text of a
 * round whose key has been destroyed (the free text after the retention period, the key list after
 * closing) ends in {@link RoundKeys.KeyDestroyedException}; instead of an error, the page says calmly
 * what happened and when ("Fritexten gallrades 2027-05-02 enligt kommunens regel") and what remains,
 * and the API answers 410 Gone with the same words. Pages whose free text is only a part (the seminar
 * record) catch it themselves and show the rest.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShreddedTextAdvice {

    private final RoundService rounds;
    private final MessageSource messages;

    ShreddedTextAdvice(RoundService rounds, MessageSource messages) {
        this.rounds = rounds;
        this.messages = messages;
    }

    @ExceptionHandler(RoundKeys.KeyDestroyedException.class)
    Object destroyed(RoundKeys.KeyDestroyedException e, HttpServletRequest request) {
        var locale = LocaleContextHolder.getLocale();
        var closure = closure(e.roundId());
        var identity = e.purpose() == RoundKeys.Purpose.IDENTITY;
        LocalDate when = closure == null ? null : identity ? closure.closedOn() : closure.textShreddedOn();
        var detail = when == null
                ? text(identity ? "closing.identity.noDate" : "closing.shredded.noDate", locale)
                : text(identity ? "closing.identity.notice" : "closing.shredded.notice", locale, when);
        var title = text(identity ? "closing.identity.title" : "closing.shredded.title", locale);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, detail);
            problem.setTitle(title);
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        var page = new ModelAndView("round/shredded");
        page.setStatus(HttpStatus.OK);
        page.addObject("title", title);
        page.addObject("detail", detail);
        page.addObject("kept", text("closing.shredded.kept", locale));
        page.addObject("roundId", closure == null ? null : e.roundId());
        return page;
    }

    private RoundClosure closure(long roundId) {
        try {
            return rounds.closure(roundId).orElse(null);
        } catch (NotFoundException notVisible) {
            return null;
        }
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
