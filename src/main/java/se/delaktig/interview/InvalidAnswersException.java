package se.delaktig.interview;

import java.util.List;

import se.delaktig.web.InvalidInputException;

/**
 * Several rejected fields of one interview form at once, so the interviewer can fix them all in one
 * go. It is an {@link InvalidInputException} naming the first field, so the API answers it like any
 * other bad input.
 */
public class InvalidAnswersException extends InvalidInputException {

    /** One rejected field with its message key and arguments. */
    public record Problem(String field, String messageKey, Object... args) {
    }

    private final transient List<Problem> problems;

    InvalidAnswersException(List<Problem> problems) {
        super(problems.get(0).field(), problems.get(0).messageKey(), problems.get(0).args());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
