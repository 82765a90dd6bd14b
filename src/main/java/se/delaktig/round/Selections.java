package se.delaktig.round;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.privacy.SuppressionAudit;
import se.delaktig.web.NotFoundException;

/**
 * Who was invited to a round and whose voices are missing, broken down by age band, gender, type of
 * contact and language. For the round's process leads and unit managers; anyone else gets a 404.
 *
 * <p>The spread of the selection is the process lead's working view and shows exact numbers. The
 * missing voices are a finding the unit reports on: the reasons are whole-round totals (the memo
 * writes them: asked, consented, declined, not yet answered) and are exact; in the breakdowns by
 * group every category is listed and every number below the municipality's threshold reads "färre
 * än 5", and a breakdown whose hidden numbers a reader could work out from the total is not shown
 * (see {@link SuppressionAudit#lineSafe} and docs/privacy.md, "Small numbers: the rule").
 */
@Service
@Transactional(readOnly = true)
public class Selections {

    public enum Dimension { AGE_BAND, GENDER, CONTACT_TYPE, LANGUAGE }

    /** Why a voice is missing. Not reached: still without all answers after the round left selection. */
    public enum MissingReason { DECLINED, WITHDRAWN, NOT_REACHED }

    /** "Not recorded" in a breakdown, for a child without a gender or type of contact. */
    public static final String NONE = "NONE";

    public record SpreadRow(String category, int invited, int consented) {
    }

    public record SpreadTable(Dimension dimension, List<SpreadRow> rows) {
    }

    /** The invited children against the target (null when the round has none). */
    public record Spread(long roundId, Integer target, int invited, int consented, int declined, int withdrawn,
                         int pending, List<SpreadTable> tables) {
    }

    /** A count that may be suppressed: then {@code count} is null and the page says "fewer than threshold". */
    public record Cell(String category, Integer count) {
        public boolean suppressed() {
            return count == null;
        }
    }

    /**
     * One breakdown of the missing voices. {@code withheld}: not shown, because its small numbers
     * could be worked out from the total; then it has no cells.
     */
    public record MissingTable(String dimension, boolean withheld, List<Cell> cells) {
    }

    /**
     * Whose voices are missing. {@code notReachedCounted}: whether pending children count as not
     * reached yet (only after the round has left the selection step).
     */
    public record Missing(long roundId, int invited, int missing, int threshold, boolean notReachedCounted,
                          MissingTable byReason, List<MissingTable> tables) {
    }

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Organization organization;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    Selections(RoundService rounds, ParticipantService participants, Organization organization, CurrentActor currentActor,
               AuditLog audit) {
        this.rounds = rounds;
        this.participants = participants;
        this.organization = organization;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    public Spread spread(long roundId) {
        var round = readable(roundId);
        var list = participants.of(roundId);
        var tables = Arrays.stream(Dimension.values()).map(d -> new SpreadTable(d, categories(d, list).stream()
                .map(c -> new SpreadRow(c, count(list, d, c, p -> true),
                        count(list, d, c, p -> p.consent() == ConsentStatus.CONSENTED)))
                .toList())).toList();
        audit.success("READ_SELECTION", "round", roundId, round.unitId());
        return new Spread(roundId, round.targetChildren(), list.size(), status(list, ConsentStatus.CONSENTED),
                status(list, ConsentStatus.DECLINED), status(list, ConsentStatus.WITHDRAWN),
                status(list, ConsentStatus.PENDING), tables);
    }

    public Missing missing(long roundId) {
        var round = readable(roundId);
        var list = participants.of(roundId);
        var threshold = organization.unit(round.unitId()).flatMap(u -> organization.municipality(u.municipalityId()))
                .orElseThrow().suppressionThreshold();
        var notReachedCounted = round.stage().isAfter(Stage.SELECTION);
        Function<Participant, MissingReason> reason = p -> switch (p.consent()) {
            case DECLINED -> MissingReason.DECLINED;
            case WITHDRAWN -> MissingReason.WITHDRAWN;
            case PENDING -> notReachedCounted ? MissingReason.NOT_REACHED : null;
            case CONSENTED -> null;
        };
        var missing = list.stream().filter(p -> reason.apply(p) != null).toList();
        // Whole-round totals, as the memo writes them: hiding them here would protect nobody.
        var byReason = new MissingTable("REASON", false, Arrays.stream(MissingReason.values())
                .map(r -> new Cell(r.name(), (int) missing.stream().filter(p -> reason.apply(p) == r).count()))
                .toList());
        var tables = new ArrayList<MissingTable>();
        for (var d : Dimension.values()) {
            // Every category, with or without children: a listed category must not tell that it has any.
            var categories = missingCategories(d, list);
            tables.add(suppressed(d.name(), categories,
                    categories.stream().map(c -> count(missing, d, c, p -> true)).toList(), threshold));
        }
        audit.success("READ_MISSING_VOICES", "round", roundId, round.unitId());
        return new Missing(roundId, list.size(), missing.size(), threshold, notReachedCounted, byReason, List.copyOf(tables));
    }

    // -------------------------------------------------------------------------------------------

    private Round readable(long roundId) {
        var round = rounds.get(roundId);
        if (!currentActor.get().hasAny(round.unitId(), Role.PROCESS_LEAD, Role.UNIT_MANAGER)) {
            audit.record("READ_SELECTION", "round", roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return round;
    }

    private static MissingTable suppressed(String dimension, List<String> categories, List<Integer> counts, int threshold) {
        var values = counts.stream().mapToInt(Integer::intValue).toArray();
        var hidden = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            hidden[i] = values[i] < threshold;
        }
        if (!SuppressionAudit.lineSafe(values, hidden, threshold)) {
            return new MissingTable(dimension, true, List.of());
        }
        var cells = new ArrayList<Cell>();
        for (int i = 0; i < categories.size(); i++) {
            cells.add(new Cell(categories.get(i), hidden[i] ? null : values[i]));
        }
        return new MissingTable(dimension, false, List.copyOf(cells));
    }

    private static int status(List<Participant> list, ConsentStatus status) {
        return (int) list.stream().filter(p -> p.consent() == status).count();
    }

    private static int count(List<Participant> list, Dimension d, String category, Predicate<Participant> also) {
        return (int) list.stream().filter(p -> category(d, p).equals(category)).filter(also).count();
    }

    /** The fixed categories of a dimension; for language, the languages of the invited children (Swedish first). */
    private static List<String> categories(Dimension d, List<Participant> list) {
        return switch (d) {
            case AGE_BAND -> List.of("5-8", "9-12", "13-18");
            case GENDER -> withNone(Arrays.stream(Gender.values()).map(Enum::name).toList(), list, d);
            case CONTACT_TYPE -> withNone(Arrays.stream(ContactType.values()).map(Enum::name).toList(), list, d);
            case LANGUAGE -> list.stream().map(Participant::language).distinct()
                    .sorted((a, b) -> a.equals("sv") ? -1 : b.equals("sv") ? 1 : a.compareTo(b)).toList();
        };
    }

    /**
     * The categories of a missing-voices breakdown: the fixed ones and "not recorded" always; for
     * language, the languages of the invited children (a listed language says some child was invited,
     * which bounds nothing about who is missing).
     */
    private static List<String> missingCategories(Dimension d, List<Participant> list) {
        return switch (d) {
            case GENDER, CONTACT_TYPE -> {
                var all = new ArrayList<>(categories(d, List.of()));
                all.add(NONE);
                yield List.copyOf(all);
            }
            default -> categories(d, list);
        };
    }

    private static List<String> withNone(List<String> fixed, List<Participant> list, Dimension d) {
        if (list.stream().noneMatch(p -> category(d, p).equals(NONE))) {
            return fixed;
        }
        var all = new ArrayList<>(fixed);
        all.add(NONE);
        return all;
    }

    static String category(Dimension d, Participant p) {
        return switch (d) {
            case AGE_BAND -> p.ageBand();
            case GENDER -> p.gender() == null ? NONE : p.gender().name();
            case CONTACT_TYPE -> p.contactType() == null ? NONE : p.contactType().name();
            case LANGUAGE -> p.language();
        };
    }
}
