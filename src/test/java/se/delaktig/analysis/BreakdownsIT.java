package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.round.Gender;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Breakdowns by gender (and age) on the page and in the API, with their small numbers suppressed. */
@IntegrationTest
class BreakdownsIT {

    @Autowired
    SmallRound smallRound;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private static final Pattern TD = Pattern.compile("<td[^>]*>([^<]*)</td>");

    @Test
    void sixChildrenFourGirlsTwoBoysNoPathLeaksASuppressedCell() throws Exception {
        // Girls: yes, yes, yes, no. Boys: yes, no. The whole round (4 yes, 2 no of 6) is published.
        var round = smallRound.create(null, List.of(
                new SmallRound.Child(10, Gender.GIRL, "YES"), new SmallRound.Child(10, Gender.GIRL, "YES"),
                new SmallRound.Child(10, Gender.GIRL, "YES"), new SmallRound.Child(10, Gender.GIRL, "NO"),
                new SmallRound.Child(10, Gender.BOY, "YES"), new SmallRound.Child(10, Gender.BOY, "NO")));

        var page = mvc.perform(get("/rounds/{id}/counts", round.roundId()).with(user(round.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // Every group of gender is under five, so every number of that breakdown would read "färre än 5":
        // the page says so once instead of a table of sixteen such cells per question.
        assertThat(page).containsOnlyOnce("För få barn för att dela upp efter kön.");
        assertThat(page).doesNotContain("data-dimension=\"GENDER\"");
        // The published whole-round counts are still there, in the question's own table and its sentence.
        assertThat(page).contains("Fyra av sex barn svarar ja på frågan");
        // …and in its chart: an SVG image with a title, a description and a link to the table, no styles, no script.
        var chartStart = page.indexOf("<svg", page.indexOf("<caption>Har du fått byta socialsekreterare"));
        var chart = page.substring(chartStart, page.indexOf("</svg>", chartStart));
        assertThat(chart).contains("role=\"img\"", "viewBox=\"0 0 480 ", "<title id=\"chart-", "<desc id=\"chart-",
                "aria-describedby=\"chart-").contains("table-").doesNotContain("style=", "<script");
        assertThat(cellTexts(chart.replace("<text", "<td").replace("</text>", "</td>"))).contains("Ja", "4", "Nej", "2");
        assertThat(page).doesNotContain(" style=\"");

        var api = json.readTree(mvc.perform(get("/api/v1/rounds/{id}/counts", round.roundId())
                        .with(user(round.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        var question = question(api, InterviewedRound.CHANGED_WORKER);
        var byGender = breakdown(question, "GENDER");
        // Rows yes, no, don't know, then the group sizes, for all four groups (another gender and "not
        // recorded" too, though nobody is in them): every one a small number.
        assertThat(shownNumbers(byGender)).hasSize(16);
        for (var shown : shownNumbers(byGender)) {
            assertThat(shown.get("suppressed").asBoolean()).isTrue();
            assertThat(shown.get("count").isNull()).isTrue();
            assertThat(shown.get("text").asString()).isEqualTo("färre än 5");
        }
        // All ages in one band of six: its four yes and two no, each "färre än 5", would each be at least 2
        // (6 − 4 at most), so this question is not broken down by age; the page says why.
        var byAge = breakdown(question, "AGE_BAND");
        assertThat(byAge.get("withheld").asBoolean()).isTrue();
        assertThat(byAge.get("groups")).isEmpty();
        assertThat(page).contains("– efter ålder: Visas inte");
    }

    @Test
    void municipalityWithThresholdThreeShowsWhatIsSafeAndNothingThatSubtractsToAHiddenCell() throws Exception {
        // Girls 5 (yes ×4, no ×1), boys 3 (yes ×1, no ×2). Threshold 3: the n of both groups may show.
        // The girls' single "no" may not, and with their 4 "yes" shown 5 − 4 would give it back. The old
        // page hid the 4 too and called it "färre än 3", which was untrue; now the question is not broken
        // down by gender at all, while the questions nobody answered still show the group sizes.
        var children = new ArrayList<SmallRound.Child>();
        for (int i = 0; i < 4; i++) {
            children.add(new SmallRound.Child(14, Gender.GIRL, "YES"));
        }
        children.add(new SmallRound.Child(14, Gender.GIRL, "NO"));
        children.add(new SmallRound.Child(14, Gender.BOY, "YES"));
        children.add(new SmallRound.Child(14, Gender.BOY, "NO"));
        children.add(new SmallRound.Child(14, Gender.BOY, "NO"));
        var round = smallRound.create(3, children);

        var page = mvc.perform(get("/rounds/{id}/counts", round.roundId()).with(user(round.org().manager()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("– efter kön: Visas inte");
        assertThat(page).contains("står ”färre än 3” där ett antal är under 3");

        var api = json.readTree(mvc.perform(get("/api/v1/rounds/{id}/counts", round.roundId()).param("lang", "en")
                        .with(user(round.org().manager()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(api.get("suppressionThreshold").asInt()).isEqualTo(3);
        var byGender = breakdown(question(api, InterviewedRound.CHANGED_WORKER), "GENDER");
        assertThat(byGender.get("withheld").asBoolean()).isTrue();
        assertThat(byGender.get("note").asString()).startsWith("Not shown");
        assertThat(byGender.toString()).doesNotContain("\"count\":4").doesNotContain("\"count\":1").doesNotContain("\"count\":2");
        // A question nobody answered: every child is in "no answer", so its cells are the group sizes.
        JsonNode other = null;
        for (var area : api.get("areas")) {
            for (var q : area.get("questions")) {
                if (!q.get("key").asString().equals(InterviewedRound.CHANGED_WORKER) && other == null) {
                    other = breakdown(q, "GENDER");
                }
            }
        }
        assertThat(other.get("withheld").asBoolean()).isFalse();
        assertThat(other.get("groups")).extracting(g -> g.get("n").get("text").asString())
                .containsExactly("5", "3", "fewer than 3", "fewer than 3");
    }

    static String breakdownTable(String page, String dimension, String questionStart) {
        var question = page.indexOf("<caption>" + questionStart);
        assertThat(question).isGreaterThanOrEqualTo(0);
        var start = page.indexOf("data-dimension=\"" + dimension + "\"", question);
        return page.substring(start, page.indexOf("</table>", start));
    }

    static List<String> cellTexts(String table) {
        var texts = new ArrayList<String>();
        var m = TD.matcher(table);
        while (m.find()) {
            texts.add(m.group(1).strip());
        }
        return texts;
    }

    static JsonNode question(JsonNode counts, String key) {
        for (var area : counts.get("areas")) {
            for (var q : area.get("questions")) {
                if (q.get("key").asString().equals(key)) {
                    return q;
                }
            }
        }
        throw new AssertionError(key);
    }

    static JsonNode breakdown(JsonNode question, String dimension) {
        for (var b : question.get("breakdowns")) {
            if (b.get("dimension").asString().equals(dimension)) {
                return b;
            }
        }
        throw new AssertionError(dimension);
    }

    static List<JsonNode> shownNumbers(JsonNode breakdown) {
        var all = new ArrayList<JsonNode>();
        breakdown.get("groups").forEach(g -> all.add(g.get("n")));
        breakdown.get("rows").forEach(r -> r.get("cells").forEach(all::add));
        return all;
    }
}
