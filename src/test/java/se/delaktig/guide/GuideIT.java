package se.delaktig.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

@IntegrationTest
class GuideIT {

    @Autowired
    Guides guides;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    MockMvc mvc;

    @Test
    void defaultGuideCoversTheFourAreasWithAllQuestionTypes() {
        var guide = guides.find(defaultGuideId()).orElseThrow();

        assertThat(guide.name()).isEqualTo("Barns röster om socialtjänsten");
        assertThat(guide.version()).isEqualTo(1);
        assertThat(guide.areas()).extracting(Area::code).containsExactly("kontakt", "kunskap", "delaktighet", "intervjun");
        assertThat(guide.areas()).extracting(Area::title).containsExactly("Kontakt", "Kunskap", "Delaktighet", "Att bli intervjuad");
        assertThat(guide.questions().count()).isGreaterThanOrEqualTo(22);
        assertThat(guide.questions().map(Question::type).distinct()).contains(QuestionType.YES_NO_DONT_KNOW,
                QuestionType.SINGLE_CHOICE, QuestionType.NUMBER, QuestionType.FREE_TEXT);
        assertThat(guide.questions().filter(q -> q.type() == QuestionType.SINGLE_CHOICE))
                .allSatisfy(q -> assertThat(q.options()).hasSizeGreaterThanOrEqualTo(3));
        assertThat(guide.questions()).allSatisfy(q -> assertThat(q.interviewerPrompt()).isNotBlank());
        assertThat(guide.question(guide.areas().get(0).questions().get(0).id())).isPresent();
    }

    @Test
    void guidePagesListVersionsAndShowEveryQuestion() throws Exception {
        var org = fixtures.organisation();
        var id = defaultGuideId();

        mvc.perform(get("/guides").with(user(org.interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/guides/" + id + "\"")));

        var html = mvc.perform(get("/guides/{id}", id).with(user(org.interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Har du fått byta socialsekreterare någon gång?")))
                .andExpect(content().string(containsString("Varje månad")))
                .andExpect(content().string(containsString("/css/guide.css")))
                .andReturn().getResponse().getContentAsString();
        assertThat(Pattern.compile("<li class=\"question\">").matcher(html).results().count()).isGreaterThanOrEqualTo(20);
        assertThat(Pattern.compile("<h2 ").matcher(html).results().count()).isEqualTo(4);
        assertThat(html).contains("Att bli intervjuad").contains("Till intervjuaren:");
    }

    @Test
    void unknownGuideIs404() throws Exception {
        var org = fixtures.organisation();
        mvc.perform(get("/guides/{id}", 987654321L).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/guides/{id}", 987654321L).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
    }

    @Test
    void guideApiGivesVersionsAndTheWholeGuide() throws Exception {
        var org = fixtures.organisation();
        var id = defaultGuideId();

        mvc.perform(get("/api/v1/guides").with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(hasItem((int) id)))
                .andExpect(jsonPath("$[?(@.name == 'Barns röster om socialtjänsten')].questionCount").value(hasItem(greaterThanOrEqualTo(20))));
        mvc.perform(get("/api/v1/guides/{id}", id).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Barns röster om socialtjänsten"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.areas.length()").value(4))
                .andExpect(jsonPath("$.areas[0].code").value("kontakt"))
                .andExpect(jsonPath("$.areas[0].questions[0].key").value("kontakt.hur_ofta"))
                .andExpect(jsonPath("$.areas[0].questions[0].type").value("SINGLE_CHOICE"))
                .andExpect(jsonPath("$.areas[0].questions[0].options[0]").value("Varje vecka"))
                .andExpect(jsonPath("$.areas[0].questions[0].interviewerPrompt").isNotEmpty());
    }

    // Other tests add small guides of their own at version 1, so the default guide is found by name.
    private long defaultGuideId() {
        return guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten") && g.version() == 1)
                .findFirst().orElseThrow().id();
    }
}
