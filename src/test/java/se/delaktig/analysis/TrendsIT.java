package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A unit compares its rounds over the years: questions matched by key across guide versions, whole-round
 * numbers as the counts page shows them, a group of children with its small numbers suppressed exactly as
 * the round's breakdown does, free text only as "how many answered", and another unit a 404.
 */
@IntegrationTest
class TrendsIT {

    @Autowired
    TrendsWorld world;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void comparesTheUnitsRoundsOldestFirstMatchingAQuestionByItsKeyAcrossGuideVersions() throws Exception {
        var w = world.create();
        var api = api(w.org().processLead(), w.org().unitId());

        // Only rounds at analysis or later (the closed 2025 and the 2026 at analysis), oldest first.
        assertThat(ids(api.get("rounds"), "roundId")).containsExactly(w.round2025(), w.round2026());
        assertThat(ids(api.get("choices"), "roundId")).containsExactly(w.round2025(), w.round2026());
        assertThat(api.get("rounds").get(0).get("completedInterviews").asInt()).isEqualTo(26);
        assertThat(keys(api)).containsExactly(TrendsWorld.CHANGED, TrendsWorld.HOW_OFTEN, TrendsWorld.SAFE, TrendsWorld.WISH);

        // The reworded question is one line of the comparison, under its newest wording.
        var changed = question(api, TrendsWorld.CHANGED);
        assertThat(changed.get("text").asString()).isEqualTo(TrendsWorld.NEW_WORDING);
        assertThat(changed.get("main").get("value").asString()).isEqualTo("YES");
        var y2025 = changed.get("rounds").get(0);
        var y2026 = changed.get("rounds").get(1);
        assertThat(y2025.get("text").asString()).isEqualTo(TrendsWorld.OLD_WORDING);
        assertThat(y2025.get("reworded").asBoolean()).isTrue();
        assertThat(y2026.get("reworded").asBoolean()).isFalse();
        // Whole rounds: their published numbers, as on their counts pages – also the 2 who did not know.
        assertThat(share(y2025, "YES")).isEqualTo("13/50");
        assertThat(share(y2025, "NO")).isEqualTo("11/42");
        assertThat(share(y2025, "DONT_KNOW")).isEqualTo("2/8");
        assertThat(share(y2026, "YES")).isEqualTo("2/33");
        assertThat(share(y2026, "NO")).isEqualTo("4/67");
        assertThat(y2025.get("main").get("percent").asInt()).isEqualTo(50);
        // The count sentence is the memo's, word for word.
        assertThat(y2025.get("sentence").asString()).isEqualTo(
                "13 av 26 barn svarar ja på frågan ”Har du bytt socialsekreterare?”, elva svarar nej och två svarar vet inte.");
        assertThat(y2026.get("sentence").asString()).isEqualTo(countsSentence(w.org().processLead(), w.round2026(), TrendsWorld.CHANGED));

        // The question added in version 2 was not asked in 2025.
        var safe = question(api, TrendsWorld.SAFE);
        assertThat(safe.get("rounds").get(0).get("asked").asBoolean()).isFalse();
        assertThat(safe.get("rounds").get(0).get("note").asString()).isEqualTo("ingen fråga det året");
        assertThat(safe.get("main").get("value").asString()).isEqualTo("5");
        assertThat(share(safe.get("rounds").get(1), "5")).isEqualTo("4/67");

        var page = page(w.org().processLead(), w.org().unitId());
        assertThat(page).contains("<h3>" + TrendsWorld.NEW_WORDING + "</h3>", "ingen fråga det året", "annan formulering det året",
                "”" + TrendsWorld.OLD_WORDING + "”");
        assertThat(count(page, "data-key=\"" + TrendsWorld.CHANGED + "\"")).isEqualTo(1);
        assertThat(page.indexOf(w.title2025())).isLessThan(page.indexOf(w.title2026()));
        assertThat(page).doesNotContain(w.titleInProgress());
        var card = card(page, TrendsWorld.CHANGED);
        assertThat(cellTexts(card)).containsSubsequence("26", "13 (50 %)", "11 (42 %)", "2 (8 %)", "6", "2 (33 %)", "4 (67 %)");
        // The chart: an image with a title, a description and the table as its long description; words, not colour alone.
        var chart = card.substring(card.indexOf("<svg"), card.indexOf("</svg>"));
        assertThat(chart).contains("role=\"img\"", "<title id=\"trend-", "<desc id=\"trend-", "aria-describedby=\"trend-",
                "-table\"", "Diagram: andel som svarar ”Ja” per omgång", "50 %", "33 %", w.title2025());
        assertThat(page).doesNotContain(" style=\"", "<script>");
        var safeChart = card(page, TrendsWorld.SAFE);
        assertThat(safeChart.substring(safeChart.indexOf("<svg"), safeChart.indexOf("</svg>"))).contains("ingen fråga det året");

        var english = json.readTree(mvc.perform(get("/api/v1/units/{id}/trends", w.org().unitId()).param("lang", "en")
                .with(user(w.org().processLead()).roles("STAFF"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        assertThat(question(english, TrendsWorld.SAFE).get("rounds").get(0).get("note").asString()).isEqualTo("no such question that year");
        assertThat(question(english, TrendsWorld.CHANGED).get("rounds").get(1).get("sentence").asString())
                .startsWith("Two of six children answered yes to the question");
    }

    @Test
    void aGroupOfChildrenIsComparedWithTheSmallNumbersOfTheRoundsOwnBreakdown() throws Exception {
        var w = world.create();
        var api = json.readTree(request(get("/api/v1/units/{id}/trends", w.org().unitId()).param("group", "GENDER:GIRL"),
                w.org().processLead()));
        assertThat(api.get("group").get("label").asString()).isEqualTo("Flickor");
        var changed = question(api, TrendsWorld.CHANGED);

        // 2025, twelve girls: yes 6, no 5, don't know 1. The 1 is below 5, and 12 − 6 − 5 gives it back. The old
        // rule hid the 5 as well and called it "färre än 5", which was untrue; now the round's counts page does
        // not break this question down by gender, and neither does the comparison.
        var y2025 = changed.get("rounds").get(0);
        assertThat(y2025.get("note").asString()).isEqualTo("ingen uppdelning det året: små antal skulle gå att räkna fram");
        assertThat(y2025.get("shares")).isEmpty();
        assertThat(y2025.get("children").isNull()).isTrue();
        // 2026, four girls: everything below 5, the group's size included.
        var y2026 = changed.get("rounds").get(1);
        assertThat(y2026.get("children").get("suppressed").asBoolean()).isTrue();
        for (var share : y2026.get("shares")) {
            assertThat(share.get("count").get("suppressed").asBoolean()).as(share.toString()).isTrue();
            assertThat(share.get("count").get("count").isNull()).isTrue();
        }
        assertThat(y2026.get("main").get("count").get("text").asString()).isEqualTo("färre än 5");

        // Every number of the comparison is the number the round's own counts page shows for the girls, hidden or not.
        for (var round : List.of(w.round2025(), w.round2026())) {
            var counts = json.readTree(request(get("/api/v1/rounds/{id}/counts", round), w.org().processLead()));
            int index = round == w.round2025() ? 0 : 1;
            for (var area : counts.get("areas")) {
                for (var q : area.get("questions")) {
                    var gender = BreakdownsIT.breakdown(q, "GENDER");
                    var trend = question(api, q.get("key").asString()).get("rounds").get(index);
                    if (gender.get("withheld").asBoolean()) {
                        assertThat(trend.get("shares")).as(q.get("key").asString()).isEmpty();
                        continue;
                    }
                    int girls = -1;
                    for (int g = 0; g < gender.get("groups").size(); g++) {
                        if (gender.get("groups").get(g).get("value").asString().equals("GIRL")) {
                            girls = g;
                        }
                    }
                    assertThat(trend.get("children")).isEqualTo(gender.get("groups").get(girls).get("n"));
                    for (var row : gender.get("rows")) {
                        assertThat(shareNode(trend, row.get("value").asString()).get("count"))
                                .as("%s %s", q.get("key"), row.get("value")).isEqualTo(row.get("cells").get(girls));
                    }
                }
            }
        }

        var page = request(get("/units/{id}/trends", w.org().unitId()).param("group", "GENDER:GIRL"), w.org().processLead());
        var table = cellTexts(card(page, TrendsWorld.CHANGED));
        assertThat(table).containsExactly("ingen uppdelning det året: små antal skulle gå att räkna fram",
                "färre än 5", "färre än 5", "färre än 5", "färre än 5");
        assertThat(page).contains("Jämförelsen gäller Flickor", "Hela omgången:", "visas inte antal under 5");
        // The chart shows, for 2026, the same words as the table instead of a bar.
        var card = card(page, TrendsWorld.CHANGED);
        assertThat(card.substring(card.indexOf("<svg"), card.indexOf("</svg>"))).contains("färre än 5");
        // Neither the hidden counts nor shares that would give them away: 5 of 12 is 42 %, 1 of 12 is 8 %.
        assertThat(card).doesNotContain("42 %", "(8 %)", "5 (", "1 (");
    }

    @Test
    void onlyTheUnitsStaffSeeItAndAnotherUnitAnswersLikeAMissingOne() throws Exception {
        var w = world.create();
        var other = world.create();
        for (var person : List.of(w.org().manager(), w.org().interviewers().get(0))) {
            mvc.perform(get("/units/{id}/trends", w.org().unitId()).with(user(person).roles("STAFF"))).andExpect(status().isOk());
            mvc.perform(get("/api/v1/units/{id}/trends", w.org().unitId()).with(user(person).roles("STAFF"))).andExpect(status().isOk());
        }
        var foreign = mvc.perform(get("/api/v1/units/{id}/trends", w.org().unitId()).with(user(other.org().processLead()).roles("STAFF")))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        var missing = mvc.perform(get("/api/v1/units/{id}/trends", Long.MAX_VALUE).with(user(other.org().processLead()).roles("STAFF")))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(foreign).get("title")).isEqualTo(json.readTree(missing).get("title"));
        assertThat(foreign).doesNotContain(w.title2025());
        var foreignPage = mvc.perform(get("/units/{id}/trends", w.org().unitId()).with(user(other.org().manager()).roles("STAFF")))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(foreignPage).doesNotContain(w.title2025());
        mvc.perform(get("/units/{id}/trends", Long.MAX_VALUE).with(user(w.org().processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/units/{id}/trends", w.org().unitId()).with(user(other.org().interviewers().get(1)).roles("STAFF")))
                .andExpect(status().isNotFound());

        // The way there: from the round page and the list of rounds.
        var link = "/units/" + w.org().unitId() + "/trends";
        assertThat(request(get("/rounds/{id}", w.round2026()), w.org().manager())).contains(link, "Jämför omgångarna över åren");
        assertThat(request(get("/rounds"), w.org().manager())).contains(link);
    }

    @Test
    void freeTextIsOnlyHowManyAnsweredAndItsWordsAppearNowhere() throws Exception {
        var w = world.create();
        var bodies = new ArrayList<String>();
        bodies.add(page(w.org().processLead(), w.org().unitId()));
        bodies.add(request(get("/units/{id}/trends", w.org().unitId()).param("group", "GENDER:BOY"), w.org().processLead()));
        var api = request(get("/api/v1/units/{id}/trends", w.org().unitId()), w.org().processLead());
        bodies.add(api);
        bodies.add(request(get("/api/v1/units/{id}/trends", w.org().unitId()).param("group", "GENDER:GIRL"), w.org().processLead()));
        for (var body : bodies) {
            assertThat(body).doesNotContain(TrendsWorld.SECRET_WORDS, "Rufus", "Storgatan");
        }
        var wish = question(json.readTree(api), TrendsWorld.WISH);
        assertThat(wish.get("type").asString()).isEqualTo("FREE_TEXT");
        assertThat(share(wish.get("rounds").get(0), "ANSWERED")).isEqualTo("26/100");
        assertThat(share(wish.get("rounds").get(1), "ANSWERED")).isEqualTo("3/50");
        assertThat(share(wish.get("rounds").get(1), "UNANSWERED")).isEqualTo("3/50");
        assertThat(wish.get("rounds").get(1).get("sentence").asString())
                .isEqualTo("Tre av sex barn har svarat på frågan ”Hur skulle du vilja att kontakten var?” med egna ord.");
    }

    @Test
    void roundsCanBePickedAndWhatTheUnitDoesNotHaveIsRefusedWithTheFieldNamed() throws Exception {
        var w = world.create();
        var only2026 = json.readTree(request(get("/api/v1/units/{id}/trends", w.org().unitId())
                .param("rounds", Long.toString(w.round2026())), w.org().processLead()));
        assertThat(ids(only2026.get("rounds"), "roundId")).containsExactly(w.round2026());
        assertThat(only2026.get("choices").get(0).get("selected").asBoolean()).isFalse();
        assertThat(only2026.get("choices").get(1).get("selected").asBoolean()).isTrue();

        for (var bad : List.of(new String[] {"rounds", Long.toString(w.roundInProgress())}, new String[] {"rounds", "abc"},
                new String[] {"group", "GENDER:DRAGON"})) {
            var problem = json.readTree(mvc.perform(get("/api/v1/units/{id}/trends", w.org().unitId()).param(bad[0], bad[1])
                            .with(user(w.org().processLead()).roles("STAFF")))
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString());
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(bad[0]);
        }

        // The form sent with every round unticked: told to pick one, with the choices still there.
        var page = request(get("/units/{id}/trends", w.org().unitId()).param("picked", "1").param("group", "GENDER:GIRL"),
                w.org().processLead());
        assertThat(page).contains("Välj minst en omgång att jämföra.", "aria-describedby=\"rounds-error\"", w.title2025(),
                "value=\"GENDER:GIRL\" selected=\"selected\"");
        assertThat(page).doesNotContain("data-key=");
    }

    // -------------------------------------------------------------------------------------------

    private String request(MockHttpServletRequestBuilder builder, String username) throws Exception {
        return mvc.perform(builder.with(user(username).roles("STAFF"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private JsonNode api(String username, long unitId) throws Exception {
        return json.readTree(request(get("/api/v1/units/{id}/trends", unitId), username));
    }

    private String page(String username, long unitId) throws Exception {
        return request(get("/units/{id}/trends", unitId), username);
    }

    private String countsSentence(String username, long roundId, String key) throws Exception {
        var counts = json.readTree(request(get("/api/v1/rounds/{id}/counts", roundId), username));
        return BreakdownsIT.question(counts, key).get("sentence").asString();
    }

    private static List<Long> ids(JsonNode array, String field) {
        var ids = new ArrayList<Long>();
        array.forEach(n -> ids.add(n.get(field).asLong()));
        return ids;
    }

    private static List<String> keys(JsonNode trends) {
        var keys = new ArrayList<String>();
        trends.get("areas").forEach(a -> a.get("questions").forEach(q -> keys.add(q.get("key").asString())));
        return keys;
    }

    static JsonNode question(JsonNode trends, String key) {
        for (var area : trends.get("areas")) {
            for (var q : area.get("questions")) {
                if (q.get("key").asString().equals(key)) {
                    return q;
                }
            }
        }
        throw new AssertionError(key);
    }

    private static JsonNode shareNode(JsonNode roundAnswer, String value) {
        for (var share : roundAnswer.get("shares")) {
            if (share.get("value").asString().equals(value)) {
                return share;
            }
        }
        throw new AssertionError(value + " in " + roundAnswer);
    }

    /** "count/percent" of a shown share. */
    private static String share(JsonNode roundAnswer, String value) {
        var share = shareNode(roundAnswer, value);
        assertThat(share.get("count").get("suppressed").asBoolean()).as(value).isFalse();
        return share.get("count").get("count").asInt() + "/" + share.get("percent").asInt();
    }

    private static String card(String page, String key) {
        var start = page.indexOf("data-key=\"" + key + "\"");
        assertThat(start).isGreaterThanOrEqualTo(0);
        var end = page.indexOf("trends__question", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static List<String> cellTexts(String html) {
        return BreakdownsIT.cellTexts(html);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
