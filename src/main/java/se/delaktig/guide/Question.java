package se.delaktig.guide;

import java.util.List;

/**
 * One question of a guide.
 *
 * @param key     stable across guide versions, e.g. {@code kontakt.bytt_socialsekreterare}
 * @param options the choices of a {@link QuestionType#SINGLE_CHOICE} question, in order
 */
public record Question(long id, String key, QuestionType type, String text, String interviewerPrompt,
                       List<String> options, int position) {

    /**
     * The wording the child hears, for the child's age and language. Falls back to the guide's own
     * Swedish text where no age-adapted or translated wording exists.
     */
    public String textFor(int age, String language) {
        return text;
    }
}
