package se.delaktig.guide;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One question of a guide.
 *
 * @param key      stable across guide versions, e.g. {@code kontakt.bytt_socialsekreterare}
 * @param options  the choices of a {@link QuestionType#SINGLE_CHOICE} or {@link QuestionType#MULTIPLE_CHOICE}
 *                 question, in order
 * @param wordings child-facing wording per language and age band; the text itself is the Swedish default
 */
public record Question(long id, String key, QuestionType type, String text, String interviewerPrompt,
                       List<String> options, int position, List<Wording> wordings) {

    public Question {
        options = List.copyOf(options);
        wordings = List.copyOf(wordings);
    }

    /** A question without age-adapted or translated wording. */
    public Question(long id, String key, QuestionType type, String text, String interviewerPrompt,
                    List<String> options, int position) {
        this(id, key, type, text, interviewerPrompt, options, position, List.of());
    }

    /**
     * The wording the child hears, for the child's age and language: the wording for the age band in
     * that language, else the language's wording for every age, else the Swedish wording for the age
     * band, else the guide's own (Swedish) text.
     */
    public String textFor(int age, String language) {
        return wordingFor(age, language).text();
    }

    /**
     * Like {@link #textFor} but says which language the wording is in, so a page can mark it up
     * ({@code lang}, {@code dir}) even when it fell back to Swedish.
     */
    public Wording wordingFor(int age, String language) {
        var band = AgeBand.of(age);
        var lang = language == null || language.isBlank() ? Language.SWEDISH : language;
        return find(lang, band)
                .or(() -> find(lang, null))
                .or(() -> find(Language.SWEDISH, band))
                .orElseGet(() -> new Wording(Language.SWEDISH, null, text));
    }

    /** The stored wording for exactly this language and band (null band: every age), if any. */
    public Optional<Wording> find(String language, AgeBand band) {
        return wordings.stream().filter(w -> w.language().equals(language) && Objects.equals(w.ageBand(), band)).findFirst();
    }
}
