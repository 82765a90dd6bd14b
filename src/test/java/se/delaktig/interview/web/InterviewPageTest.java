package se.delaktig.interview.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class InterviewPageTest {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    private static ResourceBundleMessageSource messages() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/ui-interview");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void anErrorInTheSummaryNamesItsQuestionAndWhichPartOfIt() {
        var problems = List.of(
                new InterviewPage.FieldProblem("answers[41].value", "q41-value", "Skriv ett heltal mellan 0 och 999."),
                new InterviewPage.FieldProblem("answers[57].childWords", "q57-words", "Texten är för lång."),
                new InterviewPage.FieldProblem("durationMinutes", "durationMinutes", "Skriv tiden som ett heltal."));

        var named = InterviewPage.named(problems, Map.of(41L, 2, 57L, 12), messages(), SWEDISH);

        assertThat(named).extracting(InterviewPage.FieldProblem::message).containsExactly(
                "Fråga 2: Skriv ett heltal mellan 0 och 999.",
                "Fråga 12, barnets egna ord: Texten är för lång.",
                "Skriv tiden som ett heltal.");
        assertThat(named).extracting(InterviewPage.FieldProblem::targetId).containsExactly("q41-value", "q57-words", "durationMinutes");
    }
}
