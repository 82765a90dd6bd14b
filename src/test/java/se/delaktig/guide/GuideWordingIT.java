package se.delaktig.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.GuideEditor.WordingInput;

/** Child-facing wording per age band and language, with its fallbacks, and languages as data. */
@IntegrationTest
class GuideWordingIT {

    @Autowired
    Guides guides;
    @Autowired
    GuideEditor editor;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void textForFallsBackFromBandToLanguageToSwedishBandToTheGuideText() {
        var question = defaultGuide().question("kontakt.hur_ofta").orElseThrow();

        assertThat(question.textFor(6, "en")).isEqualTo("How often do you see your social worker – the grown-up from social services who talks with you?");
        assertThat(question.textFor(10, "en")).isEqualTo("How often do you usually see your social worker?");
        assertThat(question.textFor(6, "sv")).startsWith("Hur ofta träffar du din socialsekreterare – den vuxna");
        assertThat(question.textFor(15, "sv")).isEqualTo("Hur ofta brukar du träffa din socialsekreterare?");
        assertThat(question.textFor(7, "ar")).isEqualTo("كم مرة تلتقي عادةً بالأخصائي الاجتماعي الخاص بك؟");
        // No wording in Somali at all: the Swedish wording for the child's age, else the guide's text.
        assertThat(question.textFor(6, "so")).isEqualTo(question.textFor(6, "sv"));
        assertThat(question.textFor(12, "so")).isEqualTo(question.text());
        assertThat(question.wordingFor(6, "so").language()).isEqualTo("sv");
        assertThat(question.wordingFor(10, "ar").language()).isEqualTo("ar");
        // Children a little outside the bands get the nearest band.
        assertThat(question.textFor(4, "en")).isEqualTo(question.textFor(5, "en"));
        assertThat(question.textFor(19, "sv")).isEqualTo(question.text());
    }

    @Test
    void swedishEnglishAndArabicCoverEveryQuestionOfTheDefaultGuide() {
        var guide = defaultGuide();
        assertThat(guide.questions().count()).isEqualTo(28);
        assertThat(guide.questions()).allSatisfy(q -> {
            assertThat(q.find("en", null)).as("English for %s", q.key()).isPresent();
            assertThat(q.find("ar", null)).as("Arabic for %s", q.key()).isPresent();
            for (var band : AgeBand.values()) {
                assertThat(q.wordingFor(band.from(), "en").language()).isEqualTo("en");
                assertThat(q.wordingFor(band.from(), "sv").language()).isEqualTo("sv");
            }
        });
        assertThat(guide.questions().filter(q -> q.find("sv", AgeBand.AGES_5_8).isPresent()).count()).isGreaterThanOrEqualTo(20);
        assertThat(guides.direction("ar")).isEqualTo("rtl");
        assertThat(guides.direction("sv")).isEqualTo("ltr");
        assertThat(guides.languages()).extracting(Language::code).startsWith("sv", "en", "ar");
    }

    @Test
    void aNewLanguageIsARowOfData() {
        var org = fixtures.organisation();
        jdbc.sql("insert into guide_language (code, name, direction, position) values ('fi', 'Suomi', 'ltr', 10) on conflict do nothing")
                .update();
        var id = fixtures.smallGuide();
        var question = guides.find(id).orElseThrow().question("kontakt.bytt").orElseThrow();

        TestFixtures.run(org.processLead(), () -> editor.saveWordings(id, question.id(), List.of(
                new WordingInput("fi", null, "Onko sosiaalityöntekijäsi vaihtunut?"),
                new WordingInput("fi", AgeBand.AGES_5_8, "Onko sinulla ollut uusi sosiaalityöntekijä?"))));

        var saved = guides.find(id).orElseThrow().question(question.id()).orElseThrow();
        assertThat(saved.textFor(7, "fi")).isEqualTo("Onko sinulla ollut uusi sosiaalityöntekijä?");
        assertThat(saved.textFor(14, "fi")).isEqualTo("Onko sosiaalityöntekijäsi vaihtunut?");
        assertThat(guides.language("fi")).contains(new Language("fi", "Suomi", "ltr"));
    }

    @Test
    void theWordingPageEditsEveryLanguageAndMarksArabicRightToLeft() throws Exception {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        var question = guides.find(id).orElseThrow().question("kontakt.bytt").orElseThrow();
        var lead = user(org.processLead()).roles("STAFF");

        mvc.perform(post("/guides/{id}/questions/{q}/wording", id, question.id()).with(lead).with(csrf())
                        .param("wording-sv-5-8", "Har du fått en ny socialsekreterare?")
                        .param("wording-en-all", "Have you changed social worker?")
                        .param("wording-ar-all", "هل تغيّر الأخصائي الاجتماعي الخاص بك؟")
                        .param("wording-ar-5-8", ""))
                .andExpect(redirectedUrl("/guides/" + id + "/questions/" + question.id() + "/wording"));

        var saved = guides.find(id).orElseThrow().question(question.id()).orElseThrow();
        assertThat(saved.textFor(6, "sv")).isEqualTo("Har du fått en ny socialsekreterare?");
        assertThat(saved.textFor(10, "ar")).isEqualTo("هل تغيّر الأخصائي الاجتماعي الخاص بك؟");
        assertThat(saved.wordings()).hasSize(3);

        mvc.perform(get("/guides/{id}/questions/{q}/wording", id, question.id()).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"wording-ar-all\" name=\"wording-ar-all\"")))
                .andExpect(content().string(containsString("lang=\"ar\" dir=\"rtl\"")))
                .andExpect(content().string(containsString("العربية")))
                .andExpect(content().string(containsString("Have you changed social worker?")));

        // A rejected wording keeps everything typed and says what is wrong next to the field.
        mvc.perform(post("/guides/{id}/questions/{q}/wording", id, question.id()).with(lead).with(csrf())
                        .param("wording-en-all", "Changed?")
                        .param("wording-en-9-12", "x".repeat(1001)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"wording-en-9-12-error\"")))
                .andExpect(content().string(containsString("Changed?")));
        assertThat(guides.find(id).orElseThrow().question(question.id()).orElseThrow().textFor(10, "en"))
                .isEqualTo("Have you changed social worker?");
    }

    @Test
    void theApiGivesWordingAndLanguages() throws Exception {
        var org = fixtures.organisation();
        var staff = user(org.interviewers().get(0)).roles("STAFF");
        mvc.perform(get("/api/v1/guides/languages").with(staff))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == 'ar')].direction").value(hasItem("rtl")));
        mvc.perform(get("/api/v1/guides/{id}", defaultGuide().id()).with(staff))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locked").value(true))
                .andExpect(jsonPath("$.areas[0].questions[0].wordings[?(@.language == 'en' && @.ageBand == '5-8')].text")
                        .value(hasItem(containsString("the grown-up from social services"))));
    }

    private Guide defaultGuide() {
        var id = guides.all().stream().filter(g -> g.name().equals("Barns röster om socialtjänsten") && g.version() == 1)
                .findFirst().orElseThrow().id();
        return guides.find(id).orElseThrow();
    }
}
