package se.delaktig.guide;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One version of an interview guide, with its areas and questions in order. */
public record Guide(long id, String name, int version, List<Area> areas) {

    public Stream<Question> questions() {
        return areas.stream().flatMap(a -> a.questions().stream());
    }

    public Optional<Question> question(long questionId) {
        return questions().filter(q -> q.id() == questionId).findFirst();
    }

    /** "Barns röster om socialtjänsten, version 1". */
    public String label() {
        return name + ", version " + version;
    }
}
