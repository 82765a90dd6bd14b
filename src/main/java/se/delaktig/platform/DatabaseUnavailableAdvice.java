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
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A controller that could not reach the database answers 503 (page or problem detail, as the filter
 * does), not 500. Consulted before the general error handling, so that also a failure wrapped in
 * another exception is recognised by its cause. A busy pool gets the 503 too, but only a failure to
 * connect marks the database as away.
 *
 * <p>Also a resolver ahead of all exception handlers, for what no exception type gives away: a
 * {@code TransactionSystemException} from a rollback on a connection the dying server closed, or an
 * untranslated driver exception, recognised by a connection-class SQL state in its causes.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice implements HandlerExceptionResolver, Ordered {

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

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (DatabaseAvailability.connectionFailure(e) == null || response.isCommitted()) {
            return null;
        }
        availability.notice(e);
        try {
            answer.write(request, response);
        } catch (IOException written) {
            log.debug("Could not write the 503 answer", written);
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
