package se.delaktig.guide;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One version of an interview guide, with its areas and questions in order.
 *
 * @param locked true once a round uses this version (or an editor locked it): it never changes again
 */
public record Guide(long id, String name, int version, boolean locked, List<Area> areas) {

    public Stream<Question> questions() {
        return areas.stream().flatMap(a -> a.questions().stream());
    }

    public Optional<Question> question(long questionId) {
        return questions().filter(q -> q.id() == questionId).findFirst();
    }

    public Optional<Question> question(String key) {
        return questions().filter(q -> q.key().equals(key)).findFirst();
    }

    public Optional<Area> area(long areaId) {
        return areas.stream().filter(a -> a.id() == areaId).findFirst();
    }

    /** The area a question is in. */
    public Optional<Area> areaOf(long questionId) {
        return areas.stream().filter(a -> a.questions().stream().anyMatch(q -> q.id() == questionId)).findFirst();
    }

    /** "Barns röster om socialtjänsten, version 1". */
    public String label() {
        return name + ", version " + version;
    }
}
