package se.delaktig.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The form again, for a form whose own page cannot show the error: everything typed is kept (as
 * hidden fields), each refused field is shown with its message so it can be corrected, and one
 * button sends it all again to the same address. Used for input that never reaches a controller's
 * own checks: a control character, text where a number or a date is expected.
 */
@Component
class FormRefusals {

    /** One field as the page shows it: hidden and unchanged, or in a text box with its error. */
    record Shown(String id, String name, String value, boolean refused, boolean multiline, String label, String message) {
    }

    private final ErrorPages pages;
    private final ThymeleafViewResolver views;
    private final LanguageLink language;

    FormRefusals(ErrorPages pages, ThymeleafViewResolver views, LanguageLink language) {
        this.pages = pages;
        this.views = views;
        this.language = language;
    }

    /** A plain form post from a page: it can be sent again as it was. */
    boolean resendable(HttpServletRequest request) {
        var type = request.getContentType();
        return "POST".equals(request.getMethod()) && !ErrorHandling.isApi(request)
                && (type == null || type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE));
    }

    void write(HttpServletRequest request, HttpServletResponse response, List<ErrorPages.FieldError> errors) throws IOException {
        var locale = pages.locale(request, response);
        var shown = new ArrayList<Shown>();
        var refused = new ArrayList<Shown>();
        var byField = new LinkedHashMap<String, ErrorPages.FieldError>();
        errors.forEach(e -> byField.putIfAbsent(e.field(), e));
        request.getParameterMap().forEach((name, values) -> {
            if (exempt(name) || request.getQueryString() != null && isInQuery(request, name)) {
                return;
            }
            for (var value : values) {
                var error = byField.get(name);
                var clean = ControlCharacters.strip(value);
                var item = new Shown("field-" + shown.size(), name, clean, error != null, clean.contains("\n") || clean.length() > 80,
                        error == null ? null : error.label(), error == null ? null : error.message());
                shown.add(item);
                if (error != null) {
                    refused.add(item);
                }
            }
        });
        if (refused.isEmpty()) {
            pages.write(request, response, 400, errors.isEmpty() ? null : errors.get(0).message(), errors);
            return;
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("currentPath", request.getRequestURI());
        model.put("languagePath", language.target(request));
        model.put("answersPost", true);
        model.put("action", request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        model.put("fields", List.copyOf(shown));
        model.put("refusedFields", List.copyOf(refused));
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        try {
            var view = views.resolveViewName("errors/form", locale);
            view.render(model, request, response);
        } catch (Exception failed) {
            pages.write(request, response, 400, errors.get(0).message(), errors);
        }
    }

    private static boolean isInQuery(HttpServletRequest request, String name) {
        for (var pair : request.getQueryString().split("&")) {
            var key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The CSRF token is not input (the page has its own); passwords are never written back into a page. */
    private static boolean exempt(String name) {
        return name.equals("_csrf") || name.toLowerCase(Locale.ROOT).contains("password");
    }
}
