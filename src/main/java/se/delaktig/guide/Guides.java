package se.delaktig.guide;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.delaktig.web.NotFoundException;

/**
 * Reads interview guides and locks the versions rounds use. Guides are not child data, so any
 * signed-in staff member may read them; changing them goes through {@link GuideEditor}.
 */
@Service
@Transactional(readOnly = true)
public class Guides {

    /** A guide version without its questions, for pickers and lists. */
    public record Summary(long id, String name, int version, int questionCount, boolean locked) {
        public String label() {
            return name + ", version " + version;
        }
    }

    private final JdbcClient jdbc;

    /**
     * Locked versions, by id, once their lock is committed. A locked version never changes again
     * ({@link GuideEditor} copies it before the first change, and nothing unlocks or deletes it), so
     * keeping it spares every save of an interview the four queries that build it. Every node of a
     * cluster may keep its own copy: there is nothing to invalidate. Unlocked versions are always
     * read afresh.
     */
    private final Map<Long, Guide> lockedVersions = new ConcurrentHashMap<>();

    Guides(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Summary> all() {
        return jdbc.sql("""
                select g.id, g.name, g.version, g.locked_at is not null as locked, count(q.id) as questions
                from guide g left join guide_area a on a.guide_id = g.id left join guide_question q on q.area_id = a.id
                group by g.id order by g.name, g.version desc""")
                .query((rs, n) -> new Summary(rs.getLong("id"), rs.getString("name"), rs.getInt("version"),
                        rs.getInt("questions"), rs.getBoolean("locked")))
                .list();
    }

    /** Every version of the guide with this name, newest first. */
    public List<Summary> versions(String name) {
        return all().stream().filter(s -> s.name().equals(name)).toList();
    }

    /**
     * The newest version of the default guide – the guide that was there first – which is what a new
     * round should start from. Other guides (a unit's own, or test guides) never take its place.
     */
    public Optional<Summary> latest() {
        var all = all();
        return all.stream().min(Comparator.comparingLong(Summary::id))
                .flatMap(first -> all.stream().filter(s -> s.name().equals(first.name()))
                        .max(Comparator.comparingInt(Summary::version)));
    }

    /** The newest version of the same guide as this one (possibly itself). */
    public Optional<Summary> latestVersionOf(long guideId) {
        return all().stream().filter(s -> s.id() == guideId).findFirst()
                .flatMap(g -> versions(g.name()).stream().max(Comparator.comparingInt(Summary::version)));
    }

    /**
     * Locks a guide version: from now on it never changes, and editing it makes a new version. The
     * round module calls this when a round starts using the version, so the guide module never has
     * to ask which rounds exist. Locking twice keeps the first time.
     */
    @Transactional
    public void lock(long guideId) {
        var updated = jdbc.sql("update guide set locked_at = coalesce(locked_at, now()) where id = ?").param(guideId).update();
        if (updated == 0) {
            throw new NotFoundException();
        }
    }

    public boolean isLocked(long guideId) {
        return jdbc.sql("select locked_at is not null from guide where id = ?").param(guideId).query(Boolean.class)
                .optional().orElseThrow(NotFoundException::new);
    }

    /** The languages wording can be written in, Swedish first. */
    public List<Language> languages() {
        return jdbc.sql("select code, name, direction from guide_language order by position, code")
                .query((rs, n) -> new Language(rs.getString("code"), rs.getString("name"), rs.getString("direction")))
                .list();
    }

    public Optional<Language> language(String code) {
        return languages().stream().filter(l -> l.code().equals(code)).findFirst();
    }

    /** "rtl" for a right-to-left language such as Arabic, otherwise "ltr" (also for unknown codes). */
    public String direction(String languageCode) {
        return language(languageCode).map(Language::direction).orElse("ltr");
    }

    /** One guide version with its areas, questions and all their wording: four queries, or none for a locked version read before. */
    public Optional<Guide> find(long id) {
        var kept = lockedVersions.get(id);
        if (kept != null) {
            return Optional.of(kept);
        }
        var guide = load(id);
        guide.filter(Guide::locked).ifPresent(this::keepOnceCommitted);
        return guide;
    }

    /**
     * Keeps a locked version, but only after the transaction that read it has committed: a lock set
     * in a transaction that then rolls back must not outlive it in memory.
     */
    private void keepOnceCommitted(Guide guide) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            lockedVersions.putIfAbsent(guide.id(), guide);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                lockedVersions.putIfAbsent(guide.id(), guide);
            }
        });
    }

    private Optional<Guide> load(long id) {
        var head = jdbc.sql("select id, name, version, locked_at is not null as locked from guide where id = ?").param(id)
                .query((rs, n) -> new Guide(rs.getLong("id"), rs.getString("name"), rs.getInt("version"),
                        rs.getBoolean("locked"), List.of()))
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, List<Wording>> wordings = new HashMap<>();
        jdbc.sql("""
                select w.question_id, w.language, w.age_band, w.text
                from question_wording w join guide_question q on q.id = w.question_id join guide_area a on a.id = q.area_id
                where a.guide_id = ? order by w.question_id, w.language, w.age_band nulls first""").param(id)
                .query(rs -> {
                    wordings.computeIfAbsent(rs.getLong("question_id"), k -> new ArrayList<>()).add(new Wording(
                            rs.getString("language"), AgeBand.fromCode(rs.getString("age_band")).orElse(null), rs.getString("text")));
                });
        var questionsByArea = new LinkedHashMap<Long, List<Question>>();
        jdbc.sql("""
                select q.* from guide_question q join guide_area a on a.id = q.area_id
                where a.guide_id = ? order by a.position, q.position, q.id""").param(id)
                .query(rs -> {
                    var questionId = rs.getLong("id");
                    questionsByArea.computeIfAbsent(rs.getLong("area_id"), k -> new ArrayList<>()).add(new Question(
                            questionId, rs.getString("question_key"), QuestionType.valueOf(rs.getString("type")),
                            rs.getString("text"), rs.getString("interviewer_prompt"), options(rs.getArray("options")),
                            rs.getInt("position"), wordings.getOrDefault(questionId, List.of())));
                });
        var areas = jdbc.sql("select * from guide_area where guide_id = ? order by position, id").param(id)
                .query((rs, n) -> new Area(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("intro"),
                        rs.getInt("position"), List.copyOf(questionsByArea.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
        var g = head.get();
        return Optional.of(new Guide(g.id(), g.name(), g.version(), g.locked(), List.copyOf(areas)));
    }

    /** What changed from one version to another, question by question (matched by key). */
    public GuideComparison compare(long fromId, long toId) {
        var from = find(fromId).orElseThrow(NotFoundException::new);
        var to = find(toId).orElseThrow(NotFoundException::new);
        return GuideComparison.of(from, to);
    }

    private static List<String> options(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
