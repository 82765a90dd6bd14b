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
}
