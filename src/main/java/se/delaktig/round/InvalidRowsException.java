package se.delaktig.round;

import java.util.List;
import java.util.Map;

import se.delaktig.web.InvalidInputException;

/**
 * Several children were to be added at once and at least one row breaks a rule, so none was added.
 * Holds every problem of every row, by the row's position (from 0), so that the form can name them
 * all in one go. As an {@link InvalidInputException} it names the first problem, for callers that
 * show only one.
 */
public class InvalidRowsException extends InvalidInputException {

    private final transient Map<Integer, List<InvalidInputException>> byRow;

    public InvalidRowsException(Map<Integer, List<InvalidInputException>> byRow) {
        super(first(byRow).field(), first(byRow).messageKey(), first(byRow).args());
        this.byRow = Map.copyOf(byRow);
    }

    public Map<Integer, List<InvalidInputException>> byRow() {
        return byRow;
    }

    private static InvalidInputException first(Map<Integer, List<InvalidInputException>> byRow) {
        return byRow.entrySet().stream().min(Map.Entry.comparingByKey()).orElseThrow().getValue().get(0);
    }
}
