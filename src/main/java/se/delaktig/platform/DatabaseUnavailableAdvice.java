package se.delaktig.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A controller that could not reach the database answers 503 (page or problem detail, as the filter
 * does), not 500. Consulted before the general error handling, so that also a failure wrapped in
 * another exception is recognised by its cause. A busy pool gets the 503 too, but only a failure to
 * connect marks the database as away.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

    private final DatabaseAvailability availability;
    private final UnavailableAnswer answer;

    DatabaseUnavailableAdvice(DatabaseAvailability availability, UnavailableAnswer answer) {
        this.availability = availability;
        this.answer = answer;
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            RecoverableDataAccessException.class})
    void unavailable(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!availability.notice(e)) {
            log.warn("Database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        answer.write(request, response);
    }
}
