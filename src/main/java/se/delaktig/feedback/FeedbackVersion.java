package se.delaktig.feedback;

import java.util.List;
import java.util.stream.Stream;

import se.delaktig.guide.AgeBand;

/**
 * One version of the feedback: its words for one age band in one language.
 *
 * @param said   "Det här sa ni", one entry per area of the guide, each with its points (one a line)
 * @param quotes at most two approved quotes, copied as approved
 * @param doing  "Det här gör vi", its points, each saying what and when
 */
public record FeedbackVersion(AgeBand band, String language, String languageName, boolean rightToLeft,
                              List<Area> said, List<Quote> quotes, List<String> doing) {

    /** The points of one area; an area without points is not shown. */
    public record Area(String code, String heading, List<String> points) {

        public boolean shown() {
            return !points.isEmpty();
        }

        /** The points as typed in the form: one a line. */
        public String text() {
            return String.join("\n", points);
        }
    }

    /** An approved quote as it was approved. */
    public record Quote(long id, String text) {
    }

    /** "9-12/sv": how a version is named in addresses and error messages. */
    public String key() {
        return band.code() + "/" + language;
    }

    /** "Det här gör vi" as typed in the form: one point a line. */
    public String doingText() {
        return String.join("\n", doing);
    }

    public boolean hasSaid() {
        return said.stream().anyMatch(Area::shown);
    }

    public boolean complete() {
        return hasSaid() && !doing.isEmpty();
    }

    /** Every word of the version, for checks on what it contains. */
    public Stream<String> texts() {
        return Stream.of(said.stream().flatMap(a -> Stream.concat(Stream.of(a.heading()), a.points().stream())),
                quotes.stream().map(Quote::text), doing.stream()).flatMap(s -> s);
    }
}
