package se.delaktig.privacy.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import tools.jackson.databind.json.JsonMapper;

import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;
import se.delaktig.platform.DiscardedWork;
import se.delaktig.platform.WriteRequests;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.StoresNoText;

/**
 * The backstop that keeps identity numbers out of everything Delaktig stores, whoever forgets a check:
 * it reads every field of every write request (form parameters and every string or number anywhere in
 * a JSON body) before any controller sees it.
 *
 * <p>A request with a number in any field runs in a transaction that is always rolled back, so
 * nothing of it is stored. When the application's own check saw the number and refused (a problem
 * detail naming the field its own way, or the form shown again with the error at the field), that is
 * the answer. Otherwise the guard answers: to the API and to scripts with a 400 problem detail whose
 * {@code errors} name each field; to a browser with a page that names the field, keeps everything
 * typed and sends the form again once the number is removed.
 *
 * Only passwords (stored as hashes) and endpoints marked {@link StoresNoText} are let through. What
 * was typed is never logged: the log says which fields held a number, not what they held.
 */
@Component
class IdentityNumberGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdentityNumberGuard.class);

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final TransactionTemplate discarded;
    private final ObjectProvider<RequestMappingHandlerMapping> handlers;
    private final ThymeleafViewResolver views;
    private final boolean demo;
    private final JsonMapper json = JsonMapper.builder().build();

    IdentityNumberGuard(MessageSource messages, LocaleResolver locales, PlatformTransactionManager transactions,
                        ObjectProvider<RequestMappingHandlerMapping> handlers, ThymeleafViewResolver views,
                        DatabaseMode mode, DelaktigProperties properties) {
        this.messages = messages;
        this.locales = locales;
        this.views = views;
        this.demo = mode.embedded() && properties.demo();
        this.handlers = handlers;
        this.discarded = new TransactionTemplate(transactions);
        this.discarded.setName(DiscardedWork.TRANSACTION);
    }

    /** One value sent in a field: {@code title}, {@code answers[3].childWords}, {@code items[0].text}. */
    record Field(String name, String value) {
    }

    /** What the refusal page needs: where the form went, everything sent, and which fields held a number. */
    record Refusal(String action, boolean resendable, List<Field> fields, Set<String> refused) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WriteRequests.WRITES.contains(request.getMethod()) || storesNoText(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest original, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var request = original;
        var fields = new ArrayList<Field>();
        original.getParameterMap().forEach((name, values) -> {
            if (!exempt(name)) {
                for (var value : values) {
                    fields.add(new Field(name, value));
                }
            }
        });
        var isJson = WriteRequests.isJson(original);
        if (isJson) {
            var body = original.getInputStream().readAllBytes();
            request = new WriteRequests.ReplayedBody(original, body);
            try {
                WriteRequests.walk(json.readTree(body), "", (name, value) -> fields.add(new Field(name, value)));
            } catch (RuntimeException unreadable) {
                // Broken JSON: the controller answers it with its own problem detail, and stores nothing.
            }
        }
        var refused = new LinkedHashSet<String>();
        var numbers = new LinkedHashSet<String>();
        for (var field : fields) {
            var found = IdentityNumbers.numbersIn(field.value());
            if (!found.isEmpty()) {
                refused.add(field.name());
                numbers.addAll(found);
            }
        }
        if (refused.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        // Names only: the value is what must not be written anywhere.
        log.info("Refused an identity number in {} {}: fields {}", original.getMethod(), original.getRequestURI(), refused);
        // So that no error log quotes the input.
        request.setAttribute(DiscardedWork.REQUEST_ATTRIBUTE, Boolean.TRUE);
        if (ownAnswer(request, response, chain, numbers)) {
            return;
        }
        response.reset();
        if (isJson || isApi(original) || wantsJson(original)) {
            problem(original, response, refused);
        } else {
            render(request, response, new Refusal(original.getRequestURI()
                    + (original.getQueryString() == null ? "" : "?" + original.getQueryString()),
                    "POST".equals(original.getMethod()) && !isMultipart(original), fields, refused));
        }
    }

    /**
     * Runs the request in a transaction that is always rolled back, so nothing of it is stored, and
     * keeps the application's own answer when its own check saw every number and it refused: a 4xx
     * (a problem detail that names the field its own way), or the form shown again (200 HTML) with the
     * error at the field. Anything else (a redirect or a 2xx after "saving", an error) gives way to the
     * guard's own answer. Returns whether the application's answer was sent.
     */
    private boolean ownAnswer(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                              Set<String> numbers) throws IOException {
        var captured = new CapturedResponse(response);
        Set<String> seen;
        try {
            seen = IdentityNumbers.foundDuring(() -> discarded.executeWithoutResult(status -> {
                status.setRollbackOnly();
                try {
                    chain.doFilter(request, captured);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
            }));
        } catch (RuntimeException failed) {
            return false;
        }
        var type = response.getContentType();
        var formShownAgain = captured.status == HttpServletResponse.SC_OK && type != null && type.startsWith(MediaType.TEXT_HTML_VALUE);
        var refusedItself = captured.status >= 400 && captured.status < 500;
        if (captured.redirect == null && (formShownAgain || refusedItself) && seen.containsAll(numbers)) {
            captured.replay();
            return true;
        }
        return false;
    }

    /** One field as the refusal page shows it: hidden and unchanged, or in a text box with its error. */
    record Shown(String id, String name, String value, boolean refused, String label, String message) {
    }

    /**
     * The refusal page: it names each field that held a number, keeps everything typed and sends the
     * form again. Rendered here rather than by a controller, because the form's own controller has
     * already had its turn.
     */
    private void render(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
        var locale = locales.resolveLocale(request);
        var shown = new ArrayList<Shown>();
        var errors = new ArrayList<Shown>();
        for (var field : refusal.fields()) {
            var refused = refusal.refused().contains(field.name());
            var item = new Shown("field-" + shown.size(), field.name(), field.value(), refused,
                    label(field.name(), locale), refused ? message(field.name(), locale) : null);
            shown.add(item);
            if (refused) {
                errors.add(item);
            }
        }
        var model = new LinkedHashMap<String, Object>();
        model.put("demoMode", demo);
        model.put("currentPath", request.getRequestURI());
        model.put("action", refusal.action());
        model.put("resendable", refusal.resendable());
        model.put("fields", List.copyOf(shown));
        model.put("refusedFields", List.copyOf(errors));
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        try {
            var view = views.resolveViewName("identitynumber/refused", locale);
            view.render(model, request, response);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, Set<String> refused) throws IOException {
        var locale = locales.resolveLocale(request);
        var errors = new ArrayList<Map<String, String>>();
        for (var field : refused) {
            errors.add(Map.of("field", field, "message", message(field, locale)));
        }
        var problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle(messages.getMessage("identitynumber.refused.title", null, locale));
        problem.setDetail(errors.get(0).get("message"));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("errors", errors);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        body.put("errors", errors);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** The message for one field, naming it the way the person knows it. */
    String message(String field, Locale locale) {
        return messages.getMessage("identitynumber.refused.field", new Object[] {label(field, locale)}, locale);
    }

    /** "answers[3].childWords" → the label of "childWords", or the field's own name when there is none. */
    String label(String field, Locale locale) {
        var last = field.substring(field.lastIndexOf('.') + 1).replaceAll("\\[.*?]", "");
        return messages.getMessage("identitynumber.field." + last, null, last.isEmpty() ? field : last, locale);
    }

    private boolean storesNoText(HttpServletRequest request) {
        var previous = ServletRequestPathUtils.hasParsedRequestPath(request) ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            for (var mapping : handlers.orderedStream().toList()) {
                var handler = mapping.getHandler(request);
                if (handler != null) {
                    return handler.getHandler() instanceof HandlerMethod method && method.hasMethodAnnotation(StoresNoText.class);
                }
            }
            return false;
        } catch (Exception unknown) {
            return false;
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }

    /** Passwords are stored only as hashes; the CSRF token is not input. */
    private static boolean exempt(String name) {
        return name.equals("_csrf") || name.toLowerCase(Locale.ROOT).contains("password");
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** A script (the interview's autosave) that reads JSON answers, not a page. */
    private static boolean wantsJson(HttpServletRequest request) {
        var accept = request.getHeader("Accept");
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    private static boolean isMultipart(HttpServletRequest request) {
        var type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Holds the status, redirect and body a controller writes, so that the guard decides afterwards
     * whether any of it reaches the person. Headers go to the real response, which is reset when the
     * answer is discarded.
     */
    private static final class CapturedResponse extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = SC_OK;
        private String redirect;
        private ServletOutputStream stream;
        private PrintWriter writer;

        CapturedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void sendRedirect(String location) {
            status = SC_FOUND;
            redirect = location;
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) {
            status = sc;
            redirect = location;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        body.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                var encoding = getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(),
                        encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding)));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void resetBuffer() {
            body.reset();
        }

        @Override
        public void reset() {
            super.reset();
            body.reset();
            status = SC_OK;
            redirect = null;
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        void replay() throws IOException {
            flushBuffer();
            var response = (HttpServletResponse) getResponse();
            response.setStatus(status);
            response.setContentLength(body.size());
            response.getOutputStream().write(body.toByteArray());
        }
    }
}
