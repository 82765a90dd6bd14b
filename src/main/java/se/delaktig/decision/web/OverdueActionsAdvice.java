package se.delaktig.decision.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;
import se.delaktig.decision.Decisions;

/**
 * Puts the number of overdue actions on every page as {@code overdueActions}, for the badge next to the
 * navigation link and the reminder on the start page. Only unit managers and process leads get a
 * number; zero for everyone else and for pages without a signed-in person.
 */
@ControllerAdvice
class OverdueActionsAdvice {

    private final Decisions decisions;

    OverdueActionsAdvice(Decisions decisions) {
        this.decisions = decisions;
    }

    /**
     * Counted only when a page is rendered and its layout shows the badge: a background save answered
     * with JSON (the interview's autosave) does not pay for the query.
     */
    @ModelAttribute("overdueActions")
    LazyContextVariable<Integer> overdueActions(HttpServletRequest request) {
        return new LazyContextVariable<>() {
            @Override
            protected Integer loadValue() {
                if (request.getRequestURI().startsWith(request.getContextPath() + "/api/") || request.getUserPrincipal() == null) {
                    return 0;
                }
                return decisions.overdueCount();
            }
        };
    }
}
