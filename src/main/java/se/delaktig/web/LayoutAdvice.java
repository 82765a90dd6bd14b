package se.delaktig.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

/** Model attributes the layout needs on every page. */
@ControllerAdvice
class LayoutAdvice {

    private final boolean demo;
    private final LanguageLink language;

    LayoutAdvice(DatabaseMode mode, DelaktigProperties properties, LanguageLink language) {
        this.demo = mode.embedded() && properties.demo();
        this.language = language;
    }

    @ModelAttribute("demoMode")
    boolean demoMode() {
        return demo;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The page's path inside the application (no context path): the menu marks the page it is on with it. */
    @ModelAttribute("menuPath")
    String menuPath(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.isEmpty() ? "/" : path;
    }

    /**
     * Where the language link leads: null for this page itself, or the page a failed form post came from.
     * Worked out only when a page is rendered: finding it asks the handler mappings about the paths above
     * the address, which a background save answered with JSON (the interview's autosave) must not pay for.
     */
    @ModelAttribute("languagePath")
    LazyContextVariable<String> languagePath(HttpServletRequest request) {
        return new LazyContextVariable<>() {
            @Override
            protected String loadValue() {
                return language.target(request);
            }
        };
    }

    /** Whether this page answers a form post: its typed input is carried over when the language is switched. */
    @ModelAttribute("answersPost")
    boolean answersPost(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
    }
}
