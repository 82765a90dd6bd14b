package se.delaktig.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

/** Model attributes the layout needs on every page. */
@ControllerAdvice
class LayoutAdvice {

    private final boolean demo;

    LayoutAdvice(DatabaseMode mode, DelaktigProperties properties) {
        this.demo = mode.embedded() && properties.demo();
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
