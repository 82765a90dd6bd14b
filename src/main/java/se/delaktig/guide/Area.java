package se.delaktig.guide;

import java.util.List;

/** An area of the guide, e.g. "Kontakt", with its questions in order. */
public record Area(long id, String code, String title, String intro, int position, List<Question> questions) {
}
