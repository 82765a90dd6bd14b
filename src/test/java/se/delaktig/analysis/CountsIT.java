package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class CountsIT {

    @Autowired
    InterviewedRound interviewedRound;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    Counts counts;
    @Autowired
    MockMvc mvc;

    @Test
    void countsOnlyCompletedInterviewsQuestionByQuestion() {
        var round = interviewedRound.create();

        var result = TestFixtures.as(round.org().manager(), () -> counts.forRound(round.roundId(), Locale.forLanguageTag("sv")));

        assertThat(result.completedInterviews()).isEqualTo(3);
        assertThat(result.areas()).extracting(RoundCounts.AreaCounts::code)
                .containsExactly("kontakt", "kunskap", "delaktighet", "intervjun");
        var changed = question(result, InterviewedRound.CHANGED_WORKER);
        assertThat(changed.distribution()).extracting(RoundCounts.Cell::label, RoundCounts.Cell::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ja", 2), org.assertj.core.groups.Tuple.tuple("Nej", 1),
                        org.assertj.core.groups.Tuple.tuple("Vet inte", 0));
        assertThat(changed.sentence()).startsWith("Två av tre barn svarar ja på frågan").endsWith("ett svarar nej.");
        assertThat(question(result, InterviewedRound.HOW_OFTEN).sentence())
                .contains("svarar två av tre barn ”Varje månad” och ett ”Varje vecka”");
        assertThat(question(result, InterviewedRound.HOW_MANY).numbers()).isEqualTo(new RoundCounts.NumberSummary(1, 2, 3));
        var ownWords = question(result, InterviewedRound.OWN_WORDS);
        assertThat(ownWords.answered()).isEqualTo(2);
        assertThat(ownWords.sentence()).isEqualTo(
                "Två av tre barn har svarat på frågan ”Finns det något mer du vill berätta, som vi inte har frågat om?” med egna ord.");
        assertThat(question(result, "kunskap.vet_namn").sentence()).contains("Inget barn har svarat");
    }

    @Test
    void countsPageShowsATablePerQuestionAndTheMemoSentence() throws Exception {
        var round = interviewedRound.create();

        mvc.perform(get("/rounds/{id}/counts", round.roundId()).with(user(round.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Två av tre barn svarar ja på frågan")))
                .andExpect(content().string(containsString("<caption>Har du fått byta socialsekreterare någon gång?</caption>")))
                .andExpect(content().string(containsString("class=\"num\">2</td>")));
    }

    @Test
    void countsPageInEnglish() throws Exception {
        var round = interviewedRound.create();

        mvc.perform(get("/rounds/{id}/counts", round.roundId()).param("lang", "en")
                        .with(user(round.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Two of three children answered yes to the question")));
    }

    @Test
    void countsApiGivesDistributionsAndSentences() throws Exception {
        var round = interviewedRound.create();

        mvc.perform(get("/api/v1/rounds/{id}/counts", round.roundId()).with(user(round.org().interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roundId").value(round.roundId()))
                .andExpect(jsonPath("$.completedInterviews").value(3))
                .andExpect(jsonPath("$.areas.length()").value(4))
                .andExpect(jsonPath("$.areas[0].code").value("kontakt"))
                .andExpect(jsonPath("$.areas[0].questions[?(@.key == 'kontakt.bytt_socialsekreterare')].distribution[0].count")
                        .value(hasItem(2)))
                .andExpect(jsonPath("$.areas[0].questions[?(@.key == 'kontakt.bytt_socialsekreterare')].sentence")
                        .value(hasItem(containsString("Två av tre barn"))))
                .andExpect(jsonPath("$.areas[0].questions[?(@.key == 'kontakt.antal_socialsekreterare')].numbers.median")
                        .value(hasItem(2.0)));
    }

    @Test
    void anotherMunicipalityGets404ForCountsPageApiAndService() throws Exception {
        var round = interviewedRound.create();
        var stranger = fixtures.organisation();

        mvc.perform(get("/rounds/{id}/counts", round.roundId()).with(user(stranger.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rounds/{id}/counts", round.roundId()).with(user(stranger.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/v1/rounds/{id}/counts", 987654321L).with(user(stranger.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
        assertThatThrownBy(() -> TestFixtures.as(stranger.manager(), () -> counts.forRound(round.roundId())))
                .isInstanceOf(NotFoundException.class);
    }

    private static RoundCounts.QuestionCounts question(RoundCounts counts, String key) {
        return counts.areas().stream().flatMap(a -> a.questions().stream()).filter(q -> q.key().equals(key))
                .findFirst().orElseThrow();
    }
}
