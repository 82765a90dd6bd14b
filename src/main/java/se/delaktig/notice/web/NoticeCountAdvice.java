package se.delaktig.notice.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
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

    @ModelAttribute("openNotices")
    int openNotices(HttpServletRequest request) {
        // The API has no layout to show a badge in; spare it the query.
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/") || request.getUserPrincipal() == null) {
            return 0;
        }
        return notices.openCount();
    }
}
