package se.delaktig.notice.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;
import se.delaktig.notice.Notices;

/**
 * Puts the number of open notices on every page as {@code openNotices}, for the badge next to the
 * navigation link to the notice list. Zero for people who receive no notices and for pages without
 * a signed-in person.
 */
@ControllerAdvice
class NoticeCountAdvice {

    private final Notices notices;

    NoticeCountAdvice(Notices notices) {
        this.notices = notices;
    }

    /**
     * Counted only when a page is rendered and its layout shows the badge: a background save answered
     * with JSON (the interview's autosave) does not pay for the query.
     */
    @ModelAttribute("openNotices")
    LazyContextVariable<Integer> openNotices(HttpServletRequest request) {
        return new LazyContextVariable<>() {
            @Override
            protected Integer loadValue() {
                if (request.getRequestURI().startsWith(request.getContextPath() + "/api/") || request.getUserPrincipal() == null) {
                    return 0;
                }
                return notices.openCount();
            }
        };
    }
}
