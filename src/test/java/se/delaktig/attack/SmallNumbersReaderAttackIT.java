package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Organization;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ContactType;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real rounds, real API answers and pages, and the exhaustive {@link Reader}: for each round it
 * reads the counts with their breakdowns, the trends narrowed to every group, the missing voices
 * and the memo, puts together everything they show about the round, and tries to pin down every
 * hidden number. It must find nothing.
 */
@IntegrationTest
class SmallNumbersReaderAttackIT {

    private static final String YES_NO = "attack.bytt";
    private static final String HOW_OFTEN = "attack.hur_ofta";
    private static final String WITH_WHOM = "attack.med_vem";
    private static final List<String> OFTEN = List.of("Varje vecka", "Varje månad", "Mer sällan");
    private static final List<String> WHOM = List.of("Ensam", "Med förälder", "Med kompis");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    RoundService rounds;
    @Autowired
    ParticipantService participants;
    @Autowired
    Guides guides;
    @Autowired
    Organization organization;
    @Autowired
    JdbcClient jdbc;

    /** One invited child; {@code interviewed} false: declined ({@code declined}) or not reached. */
    record Child(int age, Gender gender, ContactType contact, boolean interviewed, boolean declined,
                 String yesNo, String often, List<String> whom) {
    }

    record Built(TestFixtures.Org org, long roundId, int threshold) {
    }

    @Test
    void theIssuesRoundTwoSmallListedGroupsGiveNothingAway() throws Exception {
        // Ten girls, one boy, one child of another gender, all aged 13–18 and under investigation.
        var children = new ArrayList<Child>();
        for (int i = 0; i < 10; i++) {
            children.add(new Child(14, Gender.GIRL, ContactType.INVESTIGATION, true, false, i < 7 ? "YES" : "NO",
                    OFTEN.get(i % 2), List.of(WHOM.get(0))));
        }
        children.add(new Child(15, Gender.BOY, ContactType.INVESTIGATION, true, false, "NO", OFTEN.get(1), List.of(WHOM.get(1))));
        children.add(new Child(16, Gender.OTHER, ContactType.INVESTIGATION, true, false, "YES", OFTEN.get(0), List.of()));
        children.add(new Child(9, Gender.GIRL, ContactType.PLACEMENT, false, true, null, null, List.of()));
        assertThat(attack(build(5, children))).as("breakdowns shown to attack").isPositive();
    }

    @Test
    void randomRoundsGiveNothingAwayOnAnyPageOrApiAnswer() throws Exception {
        var random = new Random(20261207);
        int attacked = 0;
        for (int round = 0; round < 4; round++) {
            int threshold = round == 3 ? 3 : 5;
            int size = 6 + random.nextInt(9);
            var children = new ArrayList<Child>();
            for (int i = 0; i < size + 3; i++) {
                // Skewed, so that some groups are small and some empty, as in a real unit.
                int age = random.nextInt(4) == 0 ? 5 + random.nextInt(8) : 13 + random.nextInt(6);
                var gender = random.nextInt(10) == 0 ? null
                        : random.nextInt(8) == 0 ? Gender.OTHER : random.nextBoolean() ? Gender.GIRL : Gender.BOY;
                var contact = random.nextInt(10) == 0 ? null : ContactType.values()[random.nextInt(6) % 3 == 0 ? 2 : random.nextInt(2)];
                boolean interviewed = i < size;
                var yesNo = random.nextInt(8) == 0 ? null : List.of("YES", "YES", "NO", "DONT_KNOW").get(random.nextInt(4));
                var often = random.nextInt(6) == 0 ? null : OFTEN.get(random.nextInt(2) + (random.nextInt(5) == 0 ? 1 : 0));
                var whom = new ArrayList<String>();
                for (var w : WHOM) {
                    if (random.nextInt(3) == 0) {
                        whom.add(w);
                    }
                }
                children.add(new Child(age, gender, contact, interviewed, random.nextBoolean(), yesNo, often, whom));
            }
            attacked += attack(build(threshold, children));
        }
        assertThat(attacked).as("breakdowns shown to attack").isPositive();
    }

    // -------------------------------------------------------------------------------------------

    /** Attacks everything shown about one round; returns how many breakdowns were shown to attack. */
    private int attack(Built built) throws Exception {
        var lead = built.org().processLead();
        int t = built.threshold();
        var counts = read(get("/api/v1/rounds/{id}/counts", built.roundId()), lead);
        var unit = built.org().unitId();
        var choices = read(get("/api/v1/units/{id}/trends", unit), lead);
        var allGroups = new LinkedHashMap<String, List<String>>();
        choices.get("groups").forEach(g -> allGroups.computeIfAbsent(g.get("dimension").asString(), d -> new ArrayList<>())
                .add(g.get("value").asString().substring(g.get("dimension").asString().length() + 1)));
        var trends = new HashMap<String, JsonNode>();
        for (var entry : allGroups.entrySet()) {
            for (var value : entry.getValue()) {
                var group = entry.getKey() + ":" + value;
                trends.put(group, read(get("/api/v1/units/{id}/trends", unit).param("rounds", Long.toString(built.roundId()))
                        .param("group", group), lead));
            }
        }
        // What the reader puts together, property by property.
        int attacked = 0;
        for (var entry : allGroups.entrySet()) {
            var published = publishedBreakdown(counts, entry.getKey(), entry.getValue(), trends);
            if (published == null) {
                continue;
            }
            attacked++;
            assertThat(Reader.attack(published, t)).as("round %d, %s", built.roundId(), entry.getKey()).isEmpty();
        }

        // The page shows what the API answers: the same numbers hidden, in the same places.
        // A property whose every published group is "färre än" has one sentence on the page instead of its
        // tables; it is worked out from the published answer alone.
        var page = text(get("/rounds/{id}/counts", built.roundId()), lead);
        var tooFew = tooFew(counts);
        assertThat(occurrences(page, "class=\"num suppressed\"")).isEqualTo(suppressedIn(counts, tooFew));
        assertThat(occurrences(page, "För få barn för att dela upp efter")).isEqualTo(tooFew.isEmpty() ? 0 : 1);

        // Missing voices: every line whose total is shown.
        var missing = read(get("/api/v1/rounds/{id}/missing", built.roundId()), lead);
        int total = missing.get("missing").asInt();
        int reasons = 0;
        for (var cell : missing.get("byReason").get("cells")) {
            assertThat(cell.get("count").isNull()).as("reasons are whole-round totals, as the memo writes them").isFalse();
            reasons += cell.get("count").asInt();
        }
        assertThat(reasons).isEqualTo(total);
        for (var table : missing.get("tables")) {
            if (table.path("withheld").asBoolean(false)) {
                continue;
            }
            var cells = table.get("cells");
            var values = new Integer[cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                values[i] = cells.get(i).get("count").isNull() ? null : cells.get(i).get("count").asInt();
            }
            assertThat(Reader.attackLine("missing " + table.get("dimension").asString(), total, values, t))
                    .as("round %d", built.roundId()).isEmpty();
        }

        // The memo: whole-round numbers only, the same the counts page shows, and no breakdown at all.
        var docx = mvc.perform(get("/rounds/{id}/memo.docx", built.roundId()).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String memo;
        try (var doc = new XWPFDocument(new ByteArrayInputStream(docx)); var extractor = new XWPFWordExtractor(doc)) {
            memo = extractor.getText();
        }
        var yesNo = question(counts, YES_NO);
        var answers = new ArrayList<String>();
        yesNo.get("distribution").forEach(c -> answers.add(c.get("label").asString() + " " + c.get("count").asInt()));
        assertThat(memo).contains(String.join(" · ", answers));
        for (var label : List.of("Flickor", "Pojkar", "Annat kön", "5–8 år", "9–12 år", "13–18 år", "Utredning", "Placering",
                "färre än")) {
            assertThat(memo).as("the memo breaks nothing down").doesNotContain(label);
        }
        return attacked;
    }

    /** One property as the reader sees it on the counts answer and the trends answers; null if nothing is shown. */
    private static Reader.Breakdown publishedBreakdown(JsonNode counts, String dimension, List<String> all,
                                                       Map<String, JsonNode> trends) {
        int children = counts.get("completedInterviews").asInt();
        List<String> listed = null;
        Integer[] sizes = null;
        boolean[] guardedSizes = null;
        var tables = new ArrayList<Reader.Table>();
        for (var area : counts.get("areas")) {
            for (var q : area.get("questions")) {
                JsonNode b = null;
                for (var candidate : q.get("breakdowns")) {
                    if (candidate.get("dimension").asString().equals(dimension)) {
                        b = candidate;
                    }
                }
                if (b == null || b.path("withheld").asBoolean(false)) {
                    continue;
                }
                if (listed == null) {
                    listed = new ArrayList<>();
                    for (var g : b.get("groups")) {
                        listed.add(g.get("value").asString());
                    }
                    sizes = new Integer[listed.size()];
                    guardedSizes = new boolean[listed.size()];
                }
                // Sizes: known if any question shows them, protected if any hides them.
                for (int g = 0; g < listed.size(); g++) {
                    var n = b.get("groups").get(g).get("n");
                    if (n.get("suppressed").asBoolean()) {
                        guardedSizes[g] = true;
                    } else {
                        sizes[g] = n.get("count").asInt();
                    }
                }
                var rowTotals = new LinkedHashMap<String, Integer>();
                q.get("distribution").forEach(c -> rowTotals.put(c.get("value").asString(), c.get("count").asInt()));
                rowTotals.put("UNANSWERED", q.get("unanswered").asInt());
                var rows = b.get("rows");
                var totals = new int[rows.size()];
                var cells = new Integer[rows.size()][listed.size()];
                var guarded = new boolean[rows.size()][listed.size()];
                int unansweredRow = -1;
                for (int r = 0; r < rows.size(); r++) {
                    var value = rows.get(r).get("value").asString();
                    totals[r] = rowTotals.get(value);
                    if (value.equals("UNANSWERED")) {
                        unansweredRow = r;
                    }
                    for (int g = 0; g < listed.size(); g++) {
                        var cell = rows.get(r).get("cells").get(g);
                        guarded[r][g] = cell.get("suppressed").asBoolean();
                        cells[r][g] = guarded[r][g] ? null : cell.get("count").asInt();
                    }
                }
                // The same round's trends, narrowed to each listed group: what they show is known too.
                var key = q.get("key").asString();
                for (int g = 0; g < listed.size(); g++) {
                    var narrowed = trendOf(trends.get(dimension + ":" + listed.get(g)), key);
                    if (narrowed == null || narrowed.get("shares").isEmpty()) {
                        continue;
                    }
                    var n = narrowed.get("children");
                    if (!n.isNull() && !n.get("suppressed").asBoolean()) {
                        sizes[g] = n.get("count").asInt();
                    }
                    for (var share : narrowed.get("shares")) {
                        for (int r = 0; r < rows.size(); r++) {
                            if (rows.get(r).get("value").asString().equals(share.get("value").asString())
                                    && !share.get("count").get("suppressed").asBoolean()) {
                                cells[r][g] = share.get("count").get("count").asInt();
                            }
                        }
                    }
                }
                boolean multiple = q.get("type").asString().equals("MULTIPLE_CHOICE");
                tables.add(new Reader.Table(key, totals, cells, guarded, multiple, multiple ? unansweredRow : -1));
            }
        }
        if (listed == null) {
            return null;
        }
        return new Reader.Breakdown(dimension, children, all.size(), sizes, guardedSizes, tables);
    }

    private static JsonNode trendOf(JsonNode trends, String key) {
        for (var area : trends.get("areas")) {
            for (var q : area.get("questions")) {
                if (q.get("key").asString().equals(key)) {
                    return q.get("rounds").get(0);
                }
            }
        }
        return null;
    }

    private static JsonNode question(JsonNode counts, String key) {
        for (var area : counts.get("areas")) {
            for (var q : area.get("questions")) {
                if (q.get("key").asString().equals(key)) {
                    return q;
                }
            }
        }
        throw new AssertionError(key);
    }

    /** The properties whose every published breakdown shows only suppressed group sizes. */
    private static java.util.Set<String> tooFew(JsonNode counts) {
        var published = new HashMap<String, Boolean>();
        for (var area : counts.get("areas")) {
            for (var q : area.get("questions")) {
                for (var b : q.get("breakdowns")) {
                    if (b.path("withheld").asBoolean(false)) {
                        continue;
                    }
                    boolean allHidden = true;
                    for (var g : b.get("groups")) {
                        allHidden &= g.get("n").get("suppressed").asBoolean();
                    }
                    published.merge(b.get("dimension").asString(), allHidden, Boolean::logicalAnd);
                }
            }
        }
        var result = new java.util.HashSet<String>();
        published.forEach((dimension, allHidden) -> {
            if (allHidden) {
                result.add(dimension);
            }
        });
        return result;
    }

    private static int suppressedIn(JsonNode counts, java.util.Set<String> tooFew) {
        int n = 0;
        for (var area : counts.get("areas")) {
            for (var q : area.get("questions")) {
                for (var b : q.get("breakdowns")) {
                    if (tooFew.contains(b.get("dimension").asString())) {
                        continue;
                    }
                    for (var g : b.get("groups")) {
                        n += g.get("n").get("suppressed").asBoolean() ? 1 : 0;
                    }
                    for (var row : b.get("rows")) {
                        for (var cell : row.get("cells")) {
                            n += cell.get("suppressed").asBoolean() ? 1 : 0;
                        }
                    }
                }
            }
        }
        return n;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private JsonNode read(MockHttpServletRequestBuilder request, String username) throws Exception {
        return json.readTree(text(request, username));
    }

    private String text(MockHttpServletRequestBuilder request, String username) throws Exception {
        return mvc.perform(request.with(user(username).roles("STAFF"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    // -------------------------------------------------------------------------------------------

    /** A round of a small guide of its own, at the analysis step, with interviews as completed ones leave them. */
    private Built build(int threshold, List<Child> children) {
        var org = fixtures.organisation();
        organization.setSuppressionThreshold(org.municipalityId(), threshold);
        var guideId = guide();
        var guide = guides.find(guideId).orElseThrow();
        var roundId = TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guideId,
                new RoundService.Plan("Angripen omgång " + org.suffix(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30),
                        children.size(), null)).id());
        TestFixtures.run(org.processLead(), () -> {
            for (int i = 0; i < children.size(); i++) {
                var child = children.get(i);
                var p = participants.add(roundId, new ParticipantService.NewParticipant(child.age(), child.gender(), "sv",
                        child.contact(), "Barn" + i, null, List.of(), List.of()));
                if (!child.interviewed()) {
                    if (child.declined()) {
                        participants.recordConsent(p.id(), ChildAnswer.NO,
                                child.age() < 15 ? GuardianAnswer.CONSENTED : GuardianAnswer.NOT_NEEDED);
                    }
                    continue;
                }
                participants.recordConsent(p.id(), ChildAnswer.YES,
                        child.age() < 15 ? GuardianAnswer.CONSENTED : GuardianAnswer.NOT_NEEDED);
                var interviewer = org.interviewerIds().get(i % org.interviewerIds().size());
                participants.assign(p.id(), interviewer);
                var interviewId = jdbc.sql("""
                        insert into interview (round_id, participant_id, interviewer_id, status, completed_at)
                        values (?, ?, ?, 'COMPLETE', now()) returning id""")
                        .params(roundId, p.id(), interviewer).query(Long.class).single();
                var answers = new LinkedHashMap<String, String>();
                if (child.yesNo() != null) {
                    answers.put(YES_NO, child.yesNo());
                }
                if (child.often() != null) {
                    answers.put(HOW_OFTEN, child.often());
                }
                if (!child.whom().isEmpty()) {
                    answers.put(WITH_WHOM, String.join("\n", child.whom()));
                }
                answers.forEach((key, value) -> jdbc.sql("insert into answer (interview_id, question_id, value) values (?, ?, ?)")
                        .params(interviewId, guide.question(key).orElseThrow().id(), value).update());
            }
        });
        // Straight to analysis (the steps' own rules are not what this test is about): trends compare it,
        // and children who never answered count as not reached.
        jdbc.sql("update round set stage = 'ANALYSIS' where id = ?").param(roundId).update();
        return new Built(org, roundId, threshold);
    }

    private long guide() {
        var name = "Angreppsguide " + UUID.randomUUID().toString().substring(0, 8);
        var guide = jdbc.sql("insert into guide (name, version) values (?, 1) returning id").param(name).query(Long.class).single();
        var area = jdbc.sql("insert into guide_area (guide_id, position, code, title) values (?, 1, 'kontakt', 'Kontakt') returning id")
                .param(guide).query(Long.class).single();
        jdbc.sql("""
                insert into guide_question (area_id, position, question_key, type, text, options) values
                (:a, 1, 'attack.bytt', 'YES_NO_DONT_KNOW', 'Har du bytt socialsekreterare?', '{}'),
                (:a, 2, 'attack.hur_ofta', 'SINGLE_CHOICE', 'Hur ofta träffar du din socialsekreterare?', '{"Varje vecka","Varje månad","Mer sällan"}'),
                (:a, 3, 'attack.med_vem', 'MULTIPLE_CHOICE', 'Med vem vill du träffas?', '{"Ensam","Med förälder","Med kompis"}')""")
                .param("a", area).update();
        return guide;
    }
}
