package se.delaktig.round;

import java.util.Collection;
import java.util.List;

import org.springframework.data.repository.ListCrudRepository;

/** Persistence of the {@link Round} aggregate. */
interface Rounds extends ListCrudRepository<Round, Long> {

    List<Round> findByUnitIdInOrderByPeriodStartDesc(Collection<Long> unitIds);
}
