package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static se.delaktig.attack.OpenApiWalk.bodySchema;
import static se.delaktig.attack.OpenApiWalk.build;
import static se.delaktig.attack.OpenApiWalk.fields;
import static se.delaktig.attack.OpenApiWalk.isType;
import static se.delaktig.attack.OpenApiWalk.iterable;
import static se.delaktig.attack.OpenApiWalk.queryStrings;
import static se.delaktig.attack.OpenApiWalk.uri;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
import se.delaktig.seminar.Seminars;

/**
 * Attack on "input is taken as written or refused, never bent and never a 500": every write the
 * OpenAPI description lists (POST, PUT, PATCH, DELETE) gets a request built from its own schema with,
 * one field at a time, a control character in a string (NUL, bell, escape, DEL, C1), {@code 10.5} in
 * an integer, and a number where a date is expected; and a control character in every string query
 * parameter and in the address itself. Every answer is a 400 problem detail whose {@code errors} name the field, never a 500,
 * and no table changes.
 */
@IntegrationTest
class InputStrictnessEveryWriteAttackIT {

    static final List<String> CONTROLS = List.of("Barnets ord\u0000 här", "\u0007pling", "text\u001b[31m", "slut\u007f",
            "C1 \u0085 rad", "\u009bC1 CSI", "lodrät\u000btab", "\u0001");

    /** Tables that change on their own meanwhile (sessions, locks, the audit log and its chain's head). */
    static final Set<String> BACKGROUND = Set.of("audit_event", "audit_chain_head", "spring_session", "spring_session_attributes",
            "shedlock", "event_publication", "flyway_schema_history");

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired QuoteWorld quoteWorld;
    @Autowired Quotes quotes;
    @Autowired Seminars seminars;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyWriteRefusesControlCharactersFractionsForIntegersAndNumbersForDatesNamingTheFieldAndStoresNothing()
            throws Exception {
        var world = quoteWorld.create();
        var lead = world.org().processLead();
        var quoteId = TestFixtures.as(world.interviewer(), () -> quotes.mark(world.roundId(), quoteWorld.codeAll(world).id())).id();
        var proposalId = TestFixtures.as(world.interviewer(), () -> seminars.addProposal(world.roundId(),
                new Seminars.NewProposal("Fler träffar där barnet vill", "kontakt", null)).id());
        var ids = Map.of("rounds", world.roundId(), "participants", world.childId(), "interviews", world.interviewId(),
                "quotes", quoteId, "proposals", proposalId, "actions", 1L, "guides", 1L);

        var docs = json.readTree(mvc.perform(get("/v3/api-docs").with(user(lead).roles("STAFF")))
                .andReturn().getResponse().getContentAsByteArray());
        var before = OpenApiWalk.tables(jdbc);

        var operations = 0;
        var attacked = new ArrayList<String>();
        var failures = new ArrayList<String>();
        var n = 0;
        for (var path : iterable(docs.get("paths").properties())) {
            for (var method : List.of("post", "put", "patch", "delete")) {
                var operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                operations++;
                var name = method.toUpperCase() + " " + path.getKey();
                var address = uri(path.getKey(), ids);
                if (path.getKey().contains("{")) {
                    // A control character in the address itself: the first path variable.
                    var bent = address.replaceFirst("^(/api/v1/[^/]+/)([^/]+)", "$1$2%07");
                    var body = bodySchema(docs, operation) == null ? null : build(docs, bodySchema(docs, operation), "", null, null, 0);
                    check(name + " path", send(method, bent, body, Map.of(), lead), "path", failures);
                    attacked.add(name + " path control");
                }
                if (method.equals("delete")) {
                    for (var parameter : queryStrings(operation)) {
                        check(name + " ?" + parameter, send(method, address, null, Map.of(parameter, CONTROLS.get(n++ % CONTROLS.size())),
                                lead), parameter, failures);
                        attacked.add(name + " ?" + parameter + " control");
                    }
                    continue;
                }
                var schema = bodySchema(docs, operation);
                var isJson = operation.path("requestBody").path("content").has("application/json");
                var strings = new ArrayList<String>();
                var integers = new ArrayList<String>();
                var dates = new ArrayList<String>();
                if (schema != null) {
                    fields(docs, schema, "", s -> isType(s, "string"), strings, 0);
                    fields(docs, schema, "", s -> isType(s, "integer"), integers, 0);
                    fields(docs, schema, "", OpenApiWalk::isDate, dates, 0);
                }
                for (var target : strings) {
                    var text = CONTROLS.get(n++ % CONTROLS.size());
                    check(name + " " + target + " (control character)",
                            send(method, address, build(docs, schema, "", target, text, 0), Map.of(), lead), target, failures);
                    attacked.add(name + " " + target + " control");
                }
                if (isJson) {
                    for (var target : integers) {
                        check(name + " " + target + " = 10.5",
                                send(method, address, build(docs, schema, "", target, 10.5, 0), Map.of(), lead), target, failures);
                        attacked.add(name + " " + target + " 10.5");
                    }
                    for (var target : dates) {
                        check(name + " " + target + " = 20000000",
                                send(method, address, build(docs, schema, "", target, 20000000, 0), Map.of(), lead), target, failures);
                        attacked.add(name + " " + target + " number-as-date");
                    }
                }
                for (var parameter : queryStrings(operation)) {
                    var body = schema == null ? null : build(docs, schema, "", null, null, 0);
                    check(name + " ?" + parameter, send(method, address, body, Map.of(parameter, CONTROLS.get(n++ % CONTROLS.size())),
                            lead), parameter, failures);
                    attacked.add(name + " ?" + parameter + " control");
                }
            }
        }

        System.out.printf("Input strictness walk: %d write operations, %d attacks (%d control characters, %d fractions, %d dates)%n",
                operations, attacked.size(), attacked.stream().filter(a -> a.endsWith("control")).count(),
                attacked.stream().filter(a -> a.endsWith("10.5")).count(),
                attacked.stream().filter(a -> a.endsWith("number-as-date")).count());
        assertThat(failures).as("writes that did not refuse with a 400 problem detail naming the field").isEmpty();
        assertThat(attacked).as("the walk reached integer, date and text fields")
                .anyMatch(a -> a.startsWith("POST /api/v1/rounds title control"))
                .anyMatch(a -> a.startsWith("POST /api/v1/rounds targetChildren 10.5"))
                .anyMatch(a -> a.startsWith("POST /api/v1/rounds periodStart number-as-date"))
                .hasSizeGreaterThan(50);
        var after = OpenApiWalk.tables(jdbc);
        var changed = new ArrayList<String>();
        before.forEach((table, sum) -> {
            if (!BACKGROUND.contains(table) && !sum.equals(after.get(table))) {
                changed.add(table);
            }
        });
        assertThat(changed).as("tables changed by refused writes").isEmpty();
    }

    private void check(String what, MvcResult result, String field, List<String> failures) throws Exception {
        var response = result.getResponse();
        var body = response.getContentAsString(StandardCharsets.UTF_8);
        if (response.getStatus() != 400 || response.getContentType() == null
                || !response.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            failures.add(what + ": " + response.getStatus() + " " + body);
            return;
        }
        var fields = new ArrayList<String>();
        var problem = json.readTree(body);
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString().replaceAll("\\[\\d+]", "[]")));
        var wanted = field.replaceAll("\\[\\d+]", "[]");
        // A list's item is named by the list when the item itself is the bad value ("quoteIds" for "quoteIds[0]").
        var wantedList = wanted.endsWith("[]") ? wanted.substring(0, wanted.length() - 2) : wanted;
        if (!fields.contains(wanted) && !fields.contains(wantedList)) {
            failures.add(what + ": errors name " + fields + ", not " + field + " — " + body);
        } else if (problem.path("detail").asString().isBlank()) {
            failures.add(what + ": no detail");
        }
    }

    private MvcResult send(String method, String uri, Object body, Map<String, String> query, String username) throws Exception {
        var builder = request(HttpMethod.valueOf(method.toUpperCase()), java.net.URI.create(uri)).with(user(username).roles("STAFF"))
                .with(csrf());
        query.forEach(builder::queryParam);
        if (body != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsBytes(body));
        }
        return mvc.perform(builder).andReturn();
    }
}
