package se.delaktig.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer while the database is away: 503 with {@code Retry-After}, as a standalone page in the
 * person's language (the usual layout reads the database, this page does not), or as an RFC 9457
 * problem detail for the API. It is written before Spring Security has run, so it brings its own
 * security headers; its few styles are inline, allowed by a nonce.
 */
final class UnavailableAnswer {

    static final long RETRY_AFTER_SECONDS = 60;
    private static final Locale SWEDISH = Locale.forLanguageTag("sv");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Class<? extends Throwable>> UNAVAILABLE = Set.of(CannotGetJdbcConnectionException.class,
            CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, RecoverableDataAccessException.class);

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final ObjectProvider<LocaleResolver> locales;
    private final JsonMapper json;

    UnavailableAnswer(ITemplateEngine templates, MessageSource messages, ObjectProvider<LocaleResolver> locales, JsonMapper json) {
        this.templates = templates;
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    /** Whether a failure means "the database cannot be reached now" rather than a fault in the request. */
    static boolean isDatabaseUnavailable(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (var type : UNAVAILABLE) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return DatabaseAvailability.connectionFailure(failure) != null;
    }

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        var locale = locale(request);
        if (wantsProblem(request)) {
            var problem = new LinkedHashMap<String, Object>();
            problem.put("type", "about:blank");
            problem.put("title", messages.getMessage("health.unavailable.title", null, locale));
            problem.put("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            problem.put("detail", messages.getMessage("health.unavailable.problem", null, locale));
            problem.put("instance", request.getRequestURI());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(problem));
        } else {
            var nonce = nonce();
            response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            var context = new Context(locale);
            var reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            context.setVariable("nonce", nonce);
            context.setVariable("sent", !reading);
            context.setVariable("retryUrl", reading ? requestedUrl(request) : request.getContextPath() + "/");
            context.setVariable("english", locale.getLanguage().equals("en"));
            templates.process("health/unavailable", context, response.getWriter());
        }
        response.flushBuffer();
    }

    private static boolean wantsProblem(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return true;
        }
        var accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    /** The person's language: {@code ?lang=} first, then the language cookie, Swedish otherwise. */
    private Locale locale(HttpServletRequest request) {
        var lang = request.getParameter("lang");
        if ("en".equals(lang) || "sv".equals(lang)) {
            return Locale.forLanguageTag(lang);
        }
        var resolver = locales.getIfAvailable();
        var locale = resolver == null ? SWEDISH : resolver.resolveLocale(request);
        return locale.getLanguage().equals("en") ? Locale.ENGLISH : SWEDISH;
    }

    private static String requestedUrl(HttpServletRequest request) {
        var path = request.getRequestURI();
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
            // Never a link to another host, whatever the request line said.
            return request.getContextPath() + "/";
        }
        var query = request.getQueryString();
        return path + (query == null ? "" : "?" + query);
    }

    private static String nonce() {
        var bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
