package se.delaktig.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One place that turns failures into answers: RFC 9457 problem details for the API and scripts, an
 * HTML page in the person's language for browsers (never JSON), and never a stack trace. Input of
 * the wrong kind is named by its field, with what was expected; a form sent from a page comes back
 * with the field marked and everything else that was typed kept.
 */
@ControllerAdvice
class ErrorHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final MessageSource messages;
    private final ErrorPages pages;
    private final FormRefusals refusals;

    ErrorHandling(MessageSource messages, ErrorPages pages, FormRefusals refusals) {
        this.messages = messages;
        this.pages = pages;
        this.refusals = refusals;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @ExceptionHandler(NotFoundException.class)
    Object notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return answer(request, response, HttpStatus.NOT_FOUND, null, List.of());
    }

    /** A path variable of the wrong kind is an address that does not exist; a parameter of the wrong kind is bad input. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return answer(request, response, HttpStatus.NOT_FOUND, null, List.of());
        }
        var error = fieldError(e.getName(), e.getRequiredType());
        return badInput(request, response, List.of(error));
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalidInput(InvalidInputException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var message = messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale());
        return answer(request, response, HttpStatus.BAD_REQUEST, message,
                List.of(new ErrorPages.FieldError(e.field(), e.field(), message)));
    }

    @ExceptionHandler(TooManyRequestsException.class)
    Object tooManyRequests(TooManyRequestsException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var minutes = Math.max(1, (e.retryAfterSeconds() + 59) / 60);
        var message = messages.getMessage(e.messageKey(), new Object[] {minutes}, e.messageKey(), locale());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfterSeconds())));
        return answer(request, response, HttpStatus.TOO_MANY_REQUESTS, message, List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object accessDenied(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return answer(request, response, HttpStatus.FORBIDDEN, null, List.of());
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(se.delaktig.platform.DiscardedWork.REQUEST_ATTRIBUTE) != null) {
            // The input held an identity number, and an exception's message may quote the input.
            log.error("Unexpected error on {} {} (input with an identity number, discarded): {}", request.getMethod(),
                    request.getRequestURI(), e.getClass().getName());
        } else {
            log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        return answer(request, response, HttpStatus.INTERNAL_SERVER_ERROR, null, List.of());
    }

    /**
     * Spring MVC's own refusals (wrong method, missing parameter, unreadable body, unsupported media
     * type, upload too large …): a page for a browser, a problem detail in the person's language for
     * the API, naming the field wherever there is one.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest webRequest) {
        var servlet = (ServletWebRequest) webRequest;
        var request = servlet.getRequest();
        var response = servlet.getResponse();
        var errors = fieldErrors(ex);
        var status = statusCode.value();
        try {
            if (ErrorPages.isPage(request) && response != null) {
                if (status == 400 && !errors.isEmpty() && refusals.resendable(request)) {
                    refusals.write(request, response, errors);
                } else {
                    headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                    pages.write(request, response, status, errors.isEmpty() ? null : errors.get(0).message(), errors);
                }
                return null;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var problem = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(statusCode);
        var kind = ErrorPages.kind(status);
        problem.setTitle(text("errors." + kind + ".title"));
        if (!errors.isEmpty()) {
            problem.setDetail(errors.size() == 1 ? errors.get(0).message() : text("error.badRequest.detail"));
            problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        } else if (ex instanceof HttpMessageNotReadableException) {
            problem.setDetail(text("error.badRequest.unreadable"));
        } else {
            problem.setDetail(text("errors." + kind + ".detail"));
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, webRequest);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        var entity = super.createResponseEntity(body, headers, statusCode, request);
        return ResponseEntity.status(entity.getStatusCode()).headers(entity.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(entity.getBody());
    }

    /** The fields a refusal is about, each with a message that says what was expected. */
    private List<ErrorPages.FieldError> fieldErrors(Exception ex) {
        var errors = new ArrayList<ErrorPages.FieldError>();
        if (ex instanceof BindException bind) {
            addBinding(bind.getBindingResult(), errors);
        } else if (ex instanceof MethodArgumentNotValidException invalid) {
            addBinding(invalid.getBindingResult(), errors);
        } else if (ex instanceof MissingServletRequestParameterException missing) {
            errors.add(new ErrorPages.FieldError(missing.getParameterName(), missing.getParameterName(),
                    text("errors.field.missing", missing.getParameterName())));
        } else if (ex instanceof HttpMessageNotReadableException unreadable) {
            var field = fieldOf(unreadable);
            if (field != null) {
                errors.add(fieldError(field, targetOf(unreadable)));
            }
        } else if (ex instanceof org.springframework.beans.TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            errors.add(fieldError(mismatch.getPropertyName(), mismatch.getRequiredType()));
        } else if (ex instanceof HandlerMethodValidationException validation) {
            validation.getParameterValidationResults().forEach(result -> {
                var name = result.getMethodParameter().getParameterName();
                var message = result.getResolvableErrors().isEmpty() ? text("error.badRequest.detail")
                        : messages.getMessage(result.getResolvableErrors().get(0), locale());
                errors.add(new ErrorPages.FieldError(name, name, message));
            });
        }
        return errors;
    }

    private void addBinding(BindingResult binding, List<ErrorPages.FieldError> into) {
        binding.getFieldErrors().forEach(error -> into.add(new ErrorPages.FieldError(error.getField(),
                pages.label(error.getField(), locale()),
                error.isBindingFailure() ? fieldError(error.getField(), binding.getFieldType(error.getField())).message()
                        : messages.getMessage(error, locale()))));
    }

    /** "Fältet X har ett värde av fel slag: ett heltal väntas …", from the type the field needs. */
    ErrorPages.FieldError fieldError(String field, Class<?> type) {
        var expected = text("errors.expected." + expected(type));
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        var page = attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                && ErrorPages.isPage(servlet.getRequest());
        // The API names the field as it is sent; a page by the label the person sees.
        var name = page ? pages.label(field, locale()) : field;
        return new ErrorPages.FieldError(field, name, messages.getMessage("errors.field.type", new Object[] {name, expected},
                locale()));
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == Short.class || type == java.math.BigInteger.class || type == byte.class || type == Byte.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == java.math.BigDecimal.class) {
            return "number";
        }
        if (type == java.time.LocalDate.class) {
            return "date";
        }
        if (type == java.time.LocalTime.class) {
            return "time";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type) || type == java.util.Date.class) {
            return "dateTime";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "choice";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "object";
        }
        return "value";
    }

    /** The JSON field a read error is about ("quoteIds", "answers[0].childWords" …), or null when the JSON itself is broken. */
    private static String fieldOf(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.JacksonException jackson && !jackson.getPath().isEmpty()) {
                var name = new StringBuilder();
                for (var reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        name.append(name.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        name.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return name.isEmpty() ? null : name.toString().replaceAll("\\[\\d+]$", "");
            }
        }
        return null;
    }

    private static Class<?> targetOf(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch) {
                return mismatch.getTargetType();
            }
        }
        return null;
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
                          List<ErrorPages.FieldError> errors) throws IOException {
        if (ErrorPages.isPage(request)) {
            pages.write(request, response, status.value(), detail, errors);
            return null;
        }
        var problem = problem(status);
        if (detail != null) {
            problem.setDetail(detail);
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Bad input from a form sent by a page comes back as the form; anything else as a page or a problem. */
    private Object badInput(HttpServletRequest request, HttpServletResponse response, List<ErrorPages.FieldError> errors)
            throws IOException {
        if (ErrorPages.isPage(request) && refusals.resendable(request)) {
            refusals.write(request, response, errors);
            return null;
        }
        return answer(request, response, HttpStatus.BAD_REQUEST, errors.get(0).message(), errors);
    }

    private ProblemDetail problem(HttpStatus status) {
        var kind = ErrorPages.kind(status.value());
        var problem = ProblemDetail.forStatus(status);
        problem.setTitle(text("errors." + kind + ".title"));
        problem.setDetail(text("errors." + kind + ".detail"));
        return problem;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }
}
