package se.delaktig.round;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** One round of the cycle for one unit: its title, period, guide version and current step. */
@Table("round")
public record Round(@Id Long id, long unitId, String title, LocalDate periodStart, LocalDate periodEnd, long guideId,
                   Stage stage, Integer targetChildren, LocalDate seminarDate, String createdBy, Instant createdAt,
                   @Version Integer version) {

    Round withStage(Stage newStage) {
        return new Round(id, unitId, title, periodStart, periodEnd, guideId, newStage, targetChildren, seminarDate,
                createdBy, createdAt, version);
    }

    Round withPlan(String newTitle, LocalDate start, LocalDate end, Integer target, LocalDate seminar) {
        return new Round(id, unitId, newTitle, start, end, guideId, stage, target, seminar, createdBy, createdAt, version);
    }
}
