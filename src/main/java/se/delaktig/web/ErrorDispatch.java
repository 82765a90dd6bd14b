package se.delaktig.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers every error that did not pass through a controller: a filter that refused (Spring
 * Security's access denied and CSRF failure among them), the container's own refusals, an exception
 * thrown outside Spring MVC. Takes the place of Spring Boot's default, which answered browsers with
 * JSON when the page could not be shown: a page for people, a problem detail for the API.
 */
@Controller
class ErrorDispatch implements ErrorController {

    private final ErrorPages pages;

    ErrorDispatch(ErrorPages pages) {
        this.pages = pages;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var status = status(request);
        var original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        var wrapped = new OriginalUri(request, original instanceof String uri ? uri : request.getRequestURI());
        var locale = pages.locale(request, response);
        if (ErrorPages.isPage(wrapped)) {
            pages.write(request, response, status, null, null);
            return null;
        }
        var problem = ProblemDetail.forStatus(status);
        var kind = ErrorPages.kind(status);
        problem.setTitle(pages.text("errors." + kind + ".title", locale));
        var denied = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
        problem.setDetail(pages.text(denied instanceof CsrfException ? "error.forbidden.csrf" : "errors." + kind + ".detail", locale));
        problem.setInstance(URI.create(wrapped.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static int status(HttpServletRequest request) {
        // An upload over the size limit fails where the form is first read, often in a filter: 413, not 500.
        for (var cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null; cause != null;
             cause = cause.getCause()) {
            if (cause instanceof org.springframework.web.multipart.MaxUploadSizeExceededException
                    || cause.getClass().getSimpleName().endsWith("SizeLimitExceededException")) {
                return HttpStatus.CONTENT_TOO_LARGE.value();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value && value >= 400 && value < 600) {
            return value;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR.value();
    }

    /** The request as it was sent, before the container forwarded it to {@code /error}. */
    private static final class OriginalUri extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String uri;

        OriginalUri(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }
    }
}
