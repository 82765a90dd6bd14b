package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static se.delaktig.attack.OpenApiWalk.bodySchema;
import static se.delaktig.attack.OpenApiWalk.build;
import static se.delaktig.attack.OpenApiWalk.iterable;
import static se.delaktig.attack.OpenApiWalk.queryStrings;
import static se.delaktig.attack.OpenApiWalk.strings;
import static se.delaktig.attack.OpenApiWalk.uri;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.QuoteWorld;
import se.delaktig.analysis.Quotes;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.seminar.Seminars;

/**
 * Attack on "no identity numbers are ever stored": every write operation the OpenAPI description
 * lists (POST, PUT, PATCH) gets a request built from its own schema, with a personnummer written to
 * slip past a pattern (no-break and zero-width spaces, pairs, dots, full-width digits, en dash, minus
 * sign) in one string field at a time. Every one is answered 400 with a problem detail that names the
 * field, nothing in the database changes, and the number reaches neither the log nor the audit log.
 * Browser forms, the round title among them, show the error in Swedish and keep what was typed.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class IdentityNumberEveryWriteAttackIT {

    /** A made-up personnummer with a valid check digit (born 2015-03-12), never a real person's. */
    static final String DIGITS = "201503121236";

    /** The same number, written to get past a pattern. */
    static final List<String> WRITINGS = List.of(
            "Pnr 2015\u00a003\u00a012\u200b-\u200b1236",
            "\uff12\uff10\uff11\uff15\uff10\uff13\uff11\uff12\uff0d\uff11\uff12\uff13\uff16",
            "20 15 03 12 12 36 enligt pappa",
            "2015.03.12.1236",
            "nummer 150312\u20131236",
            "15\u202f03\u202f12\u22121236",
            "1\u200b5\u200b0\u200b3\u200b1\u200b2\u00ad1\u200b2\u200b3\u200b6");

    /** Writes that only check text and store nothing: the guard lets them through, and they still find the number. */
    static final Set<String> CHECKS_ONLY = Set.of("POST /api/v1/rounds/{id}/quotes/check");

    /** Tables that change on their own meanwhile (sessions, locks, the audit log that must grow and its chain's head). */
    static final Set<String> BACKGROUND = Set.of("audit_event", "audit_chain_head", "spring_session", "spring_session_attributes",
            "shedlock", "event_publication", "flyway_schema_history");

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired QuoteWorld quoteWorld;
    @Autowired Quotes quotes;
    @Autowired Seminars seminars;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyWriteInTheApiRefusesAnIdentityNumberInEveryStringFieldAndStoresNothing(CapturedOutput output) throws Exception {
        var world = quoteWorld.create();
        var lead = world.org().processLead();
        var quoteId = TestFixtures.as(world.interviewer(), () -> quotes.mark(world.roundId(), quoteWorld.codeAll(world).id())).id();
        var proposalId = TestFixtures.as(world.interviewer(), () -> seminars.addProposal(world.roundId(),
                new Seminars.NewProposal("Fler träffar där barnet vill", "kontakt", null)).id());
        var ids = Map.of("rounds", world.roundId(), "participants", world.childId(), "interviews", world.interviewId(),
                "quotes", quoteId, "proposals", proposalId, "actions", 1L, "guides", 1L);

        var docs = json.readTree(mvc.perform(get("/v3/api-docs").with(user(lead).roles("STAFF")))
                .andReturn().getResponse().getContentAsByteArray());
        var before = tables();

        var attacked = new ArrayList<String>();
        var failures = new ArrayList<String>();
        int writing = 0;
        for (var path : iterable(docs.get("paths").properties())) {
            for (var method : List.of("post", "put", "patch")) {
                var operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                var name = method.toUpperCase() + " " + path.getKey();
                var schema = bodySchema(docs, operation);
                var targets = new ArrayList<String>();
                if (schema != null) {
                    strings(docs, schema, "", targets, 0);
                }
                var queryStrings = queryStrings(operation);
                if (CHECKS_ONLY.contains(name)) {
                    var answer = send(method, uri(path.getKey(), ids), schema == null ? null
                            : build(docs, schema, "", targets.get(0), WRITINGS.get(0), 0), Map.of(), lead);
                    assertThat(answer.getResponse().getStatus()).as(name).isEqualTo(200);
                    assertThat(answer.getResponse().getContentAsString()).as(name).contains("IDENTITY_NUMBER");
                    continue;
                }
                for (var target : targets) {
                    var text = WRITINGS.get(writing++ % WRITINGS.size());
                    var body = build(docs, schema, "", target, text, 0);
                    check(name + " " + target, send(method, uri(path.getKey(), ids), body, Map.of(), lead), target, failures);
                    attacked.add(name + " " + target);
                }
                for (var parameter : queryStrings) {
                    var text = WRITINGS.get(writing++ % WRITINGS.size());
                    var body = schema == null ? null : build(docs, schema, "", null, null, 0);
                    check(name + " ?" + parameter, send(method, uri(path.getKey(), ids), body, Map.of(parameter, text), lead),
                            parameter, failures);
                    attacked.add(name + " ?" + parameter);
                }
            }
        }

        assertThat(failures).as("writes that did not refuse the number with a 400 naming the field").isEmpty();
        assertThat(attacked).as("the walk reached the writes the review named").anyMatch(a -> a.startsWith("POST /api/v1/rounds title"))
                .anyMatch(a -> a.startsWith("POST /api/v1/me/tokens name"))
                .anyMatch(a -> a.startsWith("PUT /api/v1/interviews/{id} "))
                .hasSizeGreaterThan(30);
        var after = tables();
        var changed = new ArrayList<String>();
        before.forEach((table, sum) -> {
            if (!BACKGROUND.contains(table) && !sum.equals(after.get(table))) {
                changed.add(table);
            }
        });
        assertThat(changed).as("tables changed by refused writes").isEmpty();
        assertNotWrittenAnywhere(output);
    }

    @Test
    void aBrowserFormWithoutItsOwnCheckShowsTheSwedishErrorKeepsTheTextAndStoresNothing(CapturedOutput output) throws Exception {
        var world = quoteWorld.create();
        var lead = world.org().processLead();
        var title = "Barns röster " + WRITINGS.get(0);
        var rounds = jdbc.sql("select count(*) from round").query(Long.class).single();
        var page = mvc.perform(post("/rounds").with(user(lead).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(world.org().unitId())).param("title", title)
                        .param("periodStart", "2026-03-01").param("periodEnd", "2026-06-30")
                        .param("guideId", String.valueOf(guideOf(world.roundId()))).param("targetChildren", "5"))
                .andReturn().getResponse();
        var html = page.getContentAsString(StandardCharsets.UTF_8);

        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getRedirectedUrl()).isNull();
        assertThat(html).contains("Personnummer får inte sparas", "Fältet ”Titel” ser ut att innehålla ett personnummer",
                "Inget av det du skickade har sparats");
        // What was typed is kept: the title to correct, the rest of the form to send again unchanged.
        assertThat(html.replace("&nbsp;", "\u00a0")).contains(">" + title + "</textarea>");
        assertThat(html).containsPattern("aria-invalid=\"true\"")
                .contains("name=\"periodStart\" value=\"2026-03-01\"", "name=\"targetChildren\" value=\"5\"", "action=\"/rounds\"");
        assertThat(jdbc.sql("select count(*) from round").query(Long.class).single()).isEqualTo(rounds);

        // Sent again without the number, the same form creates the round.
        mvc.perform(post("/rounds").with(user(lead).roles("STAFF")).with(csrf())
                        .param("unitId", String.valueOf(world.org().unitId())).param("title", "Barns röster 2026")
                        .param("periodStart", "2026-03-01").param("periodEnd", "2026-06-30")
                        .param("guideId", String.valueOf(guideOf(world.roundId()))).param("targetChildren", "5"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(302));
        assertNotWrittenAnywhere(output);
    }

    @Test
    void aTokenNameWithANumberIsRefusedOnTheProfilePage() throws Exception {
        var lead = quoteWorld.create().org().processLead();
        var tokens = jdbc.sql("select count(*) from api_token").query(Long.class).single();
        var page = mvc.perform(post("/profile/tokens").with(user(lead).roles("STAFF")).with(csrf()).param("name", "Skript " + WRITINGS.get(2)))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("Fältet ”Namn” ser ut att innehålla ett personnummer",
                "Skript 20 15 03 12 12 36 enligt pappa");
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isEqualTo(tokens);
    }

    @Test
    void aFormWithItsOwnCheckStillShowsItsOwnErrorAtTheFieldForAnEvasiveWriting() throws Exception {
        var world = quoteWorld.create();
        var lead = world.org().processLead();
        var children = jdbc.sql("select count(*) from participant where round_id = ?").param(world.roundId()).query(Long.class).single();
        var contact = "Pappa, " + WRITINGS.get(5);
        mvc.perform(post("/rounds/{id}/participants", world.roundId()).with(user(lead).roles("STAFF")).with(csrf())
                        .param("age", "9").param("gender", "BOY").param("firstName", "Love").param("contact", contact))
                .andExpect(result -> {
                    var html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
                    assertThat(result.getResponse().getStatus()).isEqualTo(200);
                    assertThat(html).contains("personnummer eller samordningsnummer", "value=\"Love\"", "value=\"9\"");
                });
        assertThat(jdbc.sql("select count(*) from participant where round_id = ?").param(world.roundId()).query(Long.class).single())
                .isEqualTo(children);
    }

    // -------------------------------------------------------------------------------------------

    private void check(String what, MvcResult result, String field, List<String> failures) throws Exception {
        var response = result.getResponse();
        var body = response.getContentAsString(StandardCharsets.UTF_8);
        if (response.getStatus() != 400 || response.getContentType() == null
                || !response.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            failures.add(what + ": " + response.getStatus() + " " + body);
            return;
        }
        // The application's own check may name a list item by its id ("answers[248].childWords") where the
        // guard names it by its place ("answers[0].childWords"): either names the field.
        var fields = new ArrayList<String>();
        json.readTree(body).path("errors").forEach(e -> fields.add(e.path("field").asString().replaceAll("\\[\\d+]", "[]")));
        if (!fields.contains(field.replaceAll("\\[\\d+]", "[]"))) {
            failures.add(what + ": errors name " + fields + ", not " + field);
        }
    }

    private MvcResult send(String method, String uri, Object body, Map<String, String> query, String username) throws Exception {
        var builder = request(HttpMethod.valueOf(method.toUpperCase()), uri).with(user(username).roles("STAFF")).with(csrf());
        query.forEach(builder::queryParam);
        if (body != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(body));
        }
        return mvc.perform(builder).andReturn();
    }

    private long guideOf(long roundId) {
        return jdbc.sql("select guide_id from round where id = ?").param(roundId).query(Long.class).single();
    }

    private Map<String, String> tables() {
        return OpenApiWalk.tables(jdbc);
    }

    /** The number in any of its writings is in neither the log nor the audit log. */
    private void assertNotWrittenAnywhere(CapturedOutput output) {
        var logged = output.getAll();
        for (var writing : WRITINGS) {
            assertThat(logged).doesNotContain(writing);
        }
        assertThat(IdentityNumbers.numbersIn(logged)).doesNotContain(DIGITS.substring(2));
        var audit = jdbc.sql("select coalesce(string_agg(concat_ws('|', action, record_type, record_id, outcome, detail), '|'), '') "
                + "from audit_event").query(String.class).single();
        assertThat(IdentityNumbers.numbersIn(audit)).doesNotContain(DIGITS.substring(2));
    }
}
