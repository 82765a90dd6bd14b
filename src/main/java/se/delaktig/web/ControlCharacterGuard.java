package se.delaktig.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

import se.delaktig.platform.WriteRequests;

/**
 * Refuses a control character (see {@link ControlCharacters}) anywhere in a write: any form or query
 * parameter, any key or string at any depth of a JSON body, the address itself. It runs after the
 * security filters and before anything reads the input, so nothing of the request is stored. The API
 * and scripts get a 400 problem detail whose {@code errors} name each field; a page gets its form
 * back with the field marked and the rest of what was typed kept.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ControlCharacterGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ControlCharacterGuard.class);

    private final ErrorPages pages;
    private final FormRefusals refusals;
    private final JsonMapper json = JsonMapper.builder().build();

    ControlCharacterGuard(ErrorPages pages, FormRefusals refusals) {
        this.pages = pages;
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WriteRequests.WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest original, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var request = original;
        var refused = new LinkedHashSet<String>();
        var path = UriUtils.decode(original.getRequestURI(), StandardCharsets.UTF_8);
        if (ControlCharacters.containsAny(path)) {
            refused.add("path");
        }
        original.getParameterMap().forEach((name, values) -> {
            if (name.equals("_csrf")) {
                return;
            }
            if (ControlCharacters.containsAny(name)) {
                refused.add(ControlCharacters.strip(name));
            }
            for (var value : values) {
                if (ControlCharacters.containsAny(value)) {
                    refused.add(name);
                }
            }
        });
        if (WriteRequests.isJson(original)) {
            var body = original.getInputStream().readAllBytes();
            request = new WriteRequests.ReplayedBody(original, body);
            try {
                WriteRequests.walk(json.readTree(body), "", (name, value) -> {
                    if (ControlCharacters.containsAny(value) || ControlCharacters.containsAny(name)) {
                        refused.add(ControlCharacters.strip(name));
                    }
                });
            } catch (RuntimeException unreadable) {
                // Broken JSON (a raw control character in a string among the reasons): the controller answers it.
            }
        }
        if (refused.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Refused a control character in {} {}: fields {}", original.getMethod(), original.getRequestURI(), refused);
        var locale = pages.locale(original, response);
        var errors = new ArrayList<ErrorPages.FieldError>();
        for (var field : refused) {
            var label = pages.label(field, locale);
            errors.add(new ErrorPages.FieldError(field, label, pages.text("errors.field.control", locale, label)));
        }
        if (ErrorPages.isPage(original)) {
            if (refusals.resendable(original)) {
                refusals.write(original, response, errors);
            } else {
                pages.write(original, response, 400, errors.get(0).message(), errors);
            }
            return;
        }
        problem(original, response, errors, locale);
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, List<ErrorPages.FieldError> errors,
                         java.util.Locale locale) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", pages.text("errors.control.title", locale));
        body.put("status", 400);
        body.put("detail", errors.get(0).message());
        body.put("instance", request.getRequestURI());
        body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
