package se.delaktig.interview.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import se.delaktig.interview.AnswerInput;

class InterviewFormTest {

    @Test
    void readsEveryTypedPartOfEveryQuestion() {
        var form = InterviewForm.from(Map.of(
                "version", new String[] {"3"},
                "notes", new String[] {"Fria anteckningar"},
                "answers[12].value", new String[] {"YES"},
                "answers[12].childWords", new String[] {"Barnets ord"},
                "answers[13].notes", new String[] {"Bara en anteckning"},
                "answers[x].value", new String[] {"ignored"},
                "_csrf", new String[] {"token"}));

        assertThat(form.version()).isEqualTo(3);
        assertThat(form.notes()).isEqualTo("Fria anteckningar");
        assertThat(form.inputs()).containsExactlyInAnyOrder(
                new AnswerInput(12, "YES", "Barnets ord", null),
                new AnswerInput(13, null, null, "Bara en anteckning"));
    }

    @Test
    void aMissingOrGarbledVersionCanNeverMatchSoItIsRefusedAsAConflict() {
        assertThat(InterviewForm.from(Map.of()).version()).isEqualTo(-1);
        assertThat(InterviewForm.from(Map.of("version", new String[] {"två"})).version()).isEqualTo(-1);
    }

    @Test
    void fieldErrorsPointAtTheInputTheyBelongTo() {
        assertThat(InterviewPage.targetId("answers[12].value")).isEqualTo("q12-value");
        assertThat(InterviewPage.targetId("answers[12].childWords")).isEqualTo("q12-words");
        assertThat(InterviewPage.targetId("answers[12].notes")).isEqualTo("q12-notes");
        assertThat(InterviewPage.targetId("notes")).isEqualTo("notes");
        assertThat(InterviewPage.targetId("version")).isNull();
    }
}
