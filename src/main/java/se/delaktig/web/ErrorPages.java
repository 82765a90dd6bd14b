package se.delaktig.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

/**
 * Writes the HTML error page for a person in a browser, in their language, from anywhere: a
 * controller's exception handler, the {@code /error} dispatch after a filter or the container refused,
 * or a filter of our own. The page is rendered without any of the layout's data that needs the
 * database, and when even that fails a plain page written here takes its place, so the error page
 * itself never fails.
 */
@Component
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    /** One field that was refused, for the list on the page. */
    record FieldError(String field, String label, String message) {
    }

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ThymeleafViewResolver views;
    private final boolean demo;

    ErrorPages(MessageSource messages, LocaleResolver locales, ThymeleafViewResolver views, DatabaseMode mode,
               DelaktigProperties properties) {
        this.messages = messages;
        this.locales = locales;
        this.views = views;
        this.demo = mode.embedded() && properties.demo();
    }

    /** Whether the request comes from a page in a browser rather than from a script or an API client. */
    static boolean isPage(HttpServletRequest request) {
        var accept = request.getHeader("Accept");
        var html = accept != null && accept.contains("text/html");
        if (ErrorHandling.isApi(request) || request.getRequestURI().startsWith(request.getContextPath() + "/v3/api-docs")) {
            return html;
        }
        var jsonOnly = accept != null && accept.contains("json") && !html;
        return !jsonOnly;
    }

    /**
     * The person's language: the cookie, or {@code ?lang=} on this very request. The language
     * interceptor never sees requests that no controller takes (a wrong method, a filter's refusal),
     * so the parameter is honoured here too, and remembered as it would have been.
     */
    Locale locale(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE) == null) {
            // Outside the dispatcher (a filter, the container's error dispatch): the same cookie decides.
            request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, locales);
        }
        try {
            var asked = languageAsked(request);
            if (asked != null && response != null && !response.isCommitted()) {
                locales.setLocale(request, response, asked);
            }
            return locales.resolveLocale(request);
        } catch (RuntimeException e) {
            return WebConfiguration.SWEDISH;
        }
    }

    private static Locale languageAsked(HttpServletRequest request) {
        var lang = request.getParameter("lang");
        if ("en".equals(lang)) {
            return Locale.ENGLISH;
        }
        return "sv".equals(lang) ? WebConfiguration.SWEDISH : null;
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** "answers[3].childWords" → the label a person knows the field by, or the field's own name when there is none. */
    String label(String field, Locale locale) {
        var last = field.substring(field.lastIndexOf('.') + 1).replaceAll("\\[.*?]", "");
        if (last.isEmpty()) {
            return field;
        }
        var label = messages.getMessage("errors.label." + last, null, null, locale);
        if (label == null) {
            // The identity-number guard's labels name the same fields.
            label = messages.getMessage("identitynumber.field." + last, null, last, locale);
        }
        return label;
    }

    /** The page for a status, with the field errors (if any) listed. */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String detail,
               List<FieldError> errors) throws IOException {
        var locale = locale(request, response);
        var kind = kind(status);
        var sessionEnded = status == 403 && sessionEnded(request);
        var model = new LinkedHashMap<String, Object>();
        model.put("demoMode", demo);
        model.put("currentPath", request.getRequestURI());
        model.put("languagePath", languagePath(request));
        model.put("status", status);
        model.put("title", text("errors." + kind + ".title", locale));
        model.put("detail", detail != null ? detail : text("errors." + kind + ".detail", locale));
        model.put("advice", text(sessionEnded ? "errors.forbidden.afterPost" : "errors." + kind + ".advice", locale));
        model.put("sessionEnded", sessionEnded);
        model.put("fieldErrors", errors == null ? List.of() : errors);
        if (!response.isCommitted()) {
            response.resetBuffer();
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        try {
            var view = views.resolveViewName("error", locale);
            if (view == null) {
                throw new IllegalStateException("No error view");
            }
            // Rendered into a buffer first: a half-written page is never sent.
            var buffered = new ContentCachingResponseWrapper(response);
            view.render(model, request, buffered);
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            var body = buffered.getContentAsByteArray();
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (Exception failed) {
            log.warn("The error page could not be rendered for {} {}; the plain page was sent instead: {}",
                    request.getMethod(), request.getRequestURI(), failed.toString());
            fallback(request, response, status, model, locale);
        }
    }

    /**
     * A form post refused because the session behind it is gone: its CSRF token no longer matches, or
     * nobody is signed in any more. A signed-in person refused for lack of a role is told that instead.
     */
    static boolean sessionEnded(HttpServletRequest request) {
        var method = OriginalMethod.of(request);
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return false;
        }
        if (request.getAttribute(org.springframework.security.web.WebAttributes.ACCESS_DENIED_403)
                instanceof org.springframework.security.web.csrf.CsrfException) {
            return true;
        }
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated()
                || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken;
    }

    /** Where the language link leads: the same address for a page that was asked for, the start page after a form post. */
    private static String languagePath(HttpServletRequest request) {
        if (!"GET".equals(OriginalMethod.of(request))) {
            var page = request.getParameter(LanguageLink.PAGE_PARAMETER);
            return page != null && LanguageLink.isLocal(page) ? page.replaceAll("\\?.*", "") : "/";
        }
        var original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        var uri = original instanceof String s ? s : request.getRequestURI();
        var context = request.getContextPath();
        return uri.startsWith(context + "/") ? uri.substring(context.length()) : "/";
    }

    /** The plain page: no template, no layout, nothing that can fail. */
    private void fallback(HttpServletRequest request, HttpServletResponse response, int status, Map<String, Object> model,
                          Locale locale) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        var lang = "en".equals(locale.getLanguage()) ? "en" : "sv";
        var home = request.getContextPath() + "/";
        var page = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + esc(model.get("title")) + " – Delaktig</title></head><body><main><h1>" + esc(model.get("title")) + "</h1><p>"
                + esc(model.get("detail")) + "</p><p>" + esc(model.get("advice")) + "</p><p><a href=\"" + esc(home) + "\">"
                + esc(text("error.backHome", locale)) + "</a></p></main></body></html>";
        var bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String esc(Object text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text.toString(), "UTF-8");
    }

    /** The message family for a status: badRequest, forbidden, notFound … */
    static String kind(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 405 -> "methodNotAllowed";
            case 406 -> "notAcceptable";
            case 409 -> "conflict";
            case 413 -> "tooLarge";
            case 415 -> "unsupportedType";
            case 429 -> "tooManyRequests";
            case 503 -> "unavailable";
            default -> status >= 500 ? "unexpected" : "badRequest";
        };
    }
}
