package se.delaktig.guide;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads interview guides. Guides are not child data, so any signed-in staff member may read them. */
@Service
@Transactional(readOnly = true)
public class Guides {

    /** A guide version without its questions, for pickers and lists. */
    public record Summary(long id, String name, int version, int questionCount) {
        public String label() {
            return name + ", version " + version;
        }
    }

    private final JdbcClient jdbc;

    Guides(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Summary> all() {
        return jdbc.sql("""
                select g.id, g.name, g.version, count(q.id) as questions
                from guide g left join guide_area a on a.guide_id = g.id left join guide_question q on q.area_id = a.id
                group by g.id order by g.name, g.version desc""")
                .query((rs, n) -> new Summary(rs.getLong("id"), rs.getString("name"), rs.getInt("version"), rs.getInt("questions")))
                .list();
    }

    public Optional<Summary> latest() {
        // Highest version wins; among equal versions the oldest guide (the default one) is preferred.
        return all().stream().max(java.util.Comparator.comparingInt(Summary::version)
                .thenComparing(Summary::id, java.util.Comparator.reverseOrder()));
    }

    public Optional<Guide> find(long id) {
        var head = jdbc.sql("select id, name, version from guide where id = ?").param(id)
                .query((rs, n) -> new Guide(rs.getLong("id"), rs.getString("name"), rs.getInt("version"), List.of()))
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        var questionsByArea = new LinkedHashMap<Long, List<Question>>();
        jdbc.sql("""
                select q.* from guide_question q join guide_area a on a.id = q.area_id
                where a.guide_id = ? order by a.position, q.position""").param(id)
                .query(rs -> {
                    questionsByArea.computeIfAbsent(rs.getLong("area_id"), k -> new ArrayList<>()).add(new Question(
                            rs.getLong("id"), rs.getString("question_key"), QuestionType.valueOf(rs.getString("type")),
                            rs.getString("text"), rs.getString("interviewer_prompt"), options(rs.getArray("options")),
                            rs.getInt("position")));
                });
        var areas = jdbc.sql("select * from guide_area where guide_id = ? order by position").param(id)
                .query((rs, n) -> new Area(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("intro"),
                        rs.getInt("position"), List.copyOf(questionsByArea.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
        var g = head.get();
        return Optional.of(new Guide(g.id(), g.name(), g.version(), areas));
    }

    private static List<String> options(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

}
