package se.delaktig.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * One place that turns failures into answers: RFC 9457 problem details under {@code /api}, error
 * pages elsewhere, always in the person's language and never with a stack trace.
 */
@ControllerAdvice
class ErrorHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final MessageSource messages;

    ErrorHandling(MessageSource messages) {
        this.messages = messages;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    Object notFound(HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, HttpStatus.NOT_FOUND, "error.notFound.title", "error.notFound.detail", null);
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalidInput(InvalidInputException e, HttpServletRequest request, HttpServletResponse response) {
        var locale = LocaleContextHolder.getLocale();
        var message = messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
        return answer(request, response, HttpStatus.BAD_REQUEST, "error.badRequest.title", null,
                Map.of("detail", message, "errors", List.of(Map.of("field", e.field(), "message", message))));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    Object tooManyRequests(TooManyRequestsException e, HttpServletRequest request, HttpServletResponse response) {
        var minutes = Math.max(1, (e.retryAfterSeconds() + 59) / 60);
        var message = messages.getMessage(e.messageKey(), new Object[] {minutes}, e.messageKey(), LocaleContextHolder.getLocale());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfterSeconds())));
        return answer(request, response, HttpStatus.TOO_MANY_REQUESTS, "error.tooManyRequests.title", null,
                Map.of("detail", message));
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object accessDenied(HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, HttpStatus.FORBIDDEN, "error.forbidden.title", "error.forbidden.detail", null);
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(se.delaktig.platform.DiscardedWork.REQUEST_ATTRIBUTE) != null) {
            // The input held an identity number, and an exception's message may quote the input.
            log.error("Unexpected error on {} {} (input with an identity number, discarded): {}", request.getMethod(),
                    request.getRequestURI(), e.getClass().getName());
        } else {
            log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        return answer(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected.title", "error.unexpected.detail", null);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.NOT_FOUND, "error.notFound.title", "error.notFound.detail"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        var locale = LocaleContextHolder.getLocale();
        var errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", fieldMessage(error, locale)))
                .toList();
        var problem = problem(HttpStatus.BAD_REQUEST, "error.badRequest.title", "error.badRequest.detail");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        var problem = problem(HttpStatus.BAD_REQUEST, "error.badRequest.title", "error.badRequest.detail");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        var field = fieldOf(ex);
        if (field == null) {
            var problem = problem(HttpStatus.BAD_REQUEST, "error.badRequest.title", "error.badRequest.unreadable");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        // A value of the wrong type in a known field: name the field, as for every other bad input.
        var message = messages.getMessage("error.badRequest.fieldType", new Object[] {field}, LocaleContextHolder.getLocale());
        var problem = problem(HttpStatus.BAD_REQUEST, "error.badRequest.title", null);
        problem.setDetail(message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The JSON field a read error is about ("quoteIds", "deadline" …), or null when the JSON itself is broken. */
    private static String fieldOf(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.JacksonException jackson && !jackson.getPath().isEmpty()) {
                var names = jackson.getPath().stream().map(tools.jackson.core.JacksonException.Reference::getPropertyName)
                        .filter(java.util.Objects::nonNull).toList();
                return names.isEmpty() ? null : String.join(".", names);
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        // Spring's own problem details (unreadable JSON, wrong method …) get a title in the person's language.
        if (body instanceof ProblemDetail problem && problem.getStatus() == 400) {
            problem.setTitle(text("error.badRequest.title"));
            problem.setDetail(text("error.badRequest.unreadable"));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private String fieldMessage(FieldError error, Locale locale) {
        return messages.getMessage(error, locale);
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                          String titleKey, String detailKey, Map<String, Object> extra) {
        if (isApi(request)) {
            var problem = problem(status, titleKey, detailKey);
            if (extra != null) {
                extra.forEach((k, v) -> {
                    if (k.equals("detail")) {
                        problem.setDetail((String) v);
                    } else {
                        problem.setProperty(k, v);
                    }
                });
            }
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        response.setStatus(status.value());
        var page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", text(titleKey));
        page.addObject("detail", extra != null && extra.get("detail") != null ? extra.get("detail") : text(detailKey));
        return page;
    }

    private ProblemDetail problem(HttpStatus status, String titleKey, String detailKey) {
        var problem = ProblemDetail.forStatus(status);
        problem.setTitle(text(titleKey));
        if (detailKey != null) {
            problem.setDetail(text(detailKey));
        }
        return problem;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
