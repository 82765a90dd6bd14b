package se.delaktig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

/**
 * The error page itself never fails: when the page cannot be rendered (the layout's data cannot be
 * loaded, the database is away), a plain page in the person's language with a way back is sent
 * instead, and nothing of the half-rendered page reaches the browser.
 */
class ErrorPagesFallbackTest {

    /** A view that breaks half-way, as the layout does when what it needs cannot be loaded. */
    static final class BreakingViews extends ThymeleafViewResolver {
        @Override
        public View resolveViewName(String viewName, Locale locale) {
            return new View() {
                @Override
                public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
                    response.getWriter().write("<!DOCTYPE html><html><body><header>half a page");
                    throw new IllegalStateException("Could not get a connection: the database is away");
                }
            };
        }
    }

    private final ErrorPages pages;

    ErrorPagesFallbackTest() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "i18n/errors");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        pages = new ErrorPages(messages, new WebConfiguration().localeResolver(), new BreakingViews(),
                new DatabaseMode(true, "test"), new DelaktigProperties(Path.of("."), false, true));
    }

    @Test
    void aPageThatCannotBeRenderedBecomesAPlainPageInSwedish() throws Exception {
        var request = new MockHttpServletRequest("GET", "/rounds");
        var response = new MockHttpServletResponse();
        pages.write(request, response, 503, null, null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("text/html");
        var html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("lang=\"sv\"", "Delaktig är inte tillgängligt just nu",
                "Vänta några minuter", "href=\"/\"", "Till startsidan").doesNotContain("half a page", "database");
    }

    @Test
    void andInEnglishForSomeoneWhoChoseEnglish() throws Exception {
        var request = new MockHttpServletRequest("POST", "/rounds");
        request.setCookies(new Cookie("delaktig-lang", "en"));
        var response = new MockHttpServletResponse();
        pages.write(request, response, 500, null, null);

        assertThat(response.getStatus()).isEqualTo(500);
        var html = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("lang=\"en\"", "Something went wrong", "To the start page").doesNotContain("half a page");
    }
}
