package se.delaktig.attack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the attacks that walk the OpenAPI description share: the request body's schema of an
 * operation, every field of a kind in it (named as the filters name them, {@code answers[0].childWords}),
 * a plausible body with one chosen value in one field, an address with real ids, and a checksum of
 * every table to show that a refused write stored nothing.
 */
final class OpenApiWalk {

    private OpenApiWalk() {
    }

    static String uri(String path, Map<String, Long> ids) {
        var matcher = Pattern.compile("([^/]+)/\\{([^}]+)}").matcher(path);
        var out = new StringBuilder();
        while (matcher.find()) {
            var collection = matcher.group(1);
            String value;
            if (matcher.group(2).equals("recipient")) {
                value = "CHILD";
            } else if (matcher.group(2).equals("proposalId")) {
                value = String.valueOf(ids.get("proposals"));
            } else if (matcher.group(2).equals("quoteId")) {
                value = String.valueOf(ids.get("quotes"));
            } else {
                value = String.valueOf(ids.getOrDefault(collection, 1L));
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(collection + "/" + value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static JsonNode bodySchema(JsonNode docs, JsonNode operation) {
        var content = operation.path("requestBody").path("content");
        var media = content.has("application/json") ? content.get("application/json") : null;
        if (media == null && content.isObject() && !content.isEmpty()) {
            media = content.properties().iterator().next().getValue();
        }
        return media == null ? null : media.get("schema");
    }

    /** The operation's query parameters whose schema matches. */
    static List<String> queryParameters(JsonNode operation, Predicate<JsonNode> kind) {
        var names = new ArrayList<String>();
        operation.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asString()) && kind.test(p.path("schema"))) {
                names.add(p.path("name").asString());
            }
        });
        return names;
    }

    static List<String> queryStrings(JsonNode operation) {
        return queryParameters(operation, s -> isType(s, "string"));
    }

    static JsonNode resolve(JsonNode docs, JsonNode schema) {
        var depth = 0;
        while (schema != null && schema.has("$ref") && depth++ < 10) {
            var name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            schema = docs.path("components").path("schemas").get(name);
        }
        if (schema != null && schema.has("allOf")) {
            return resolve(docs, schema.get("allOf").get(0));
        }
        if (schema != null && schema.has("oneOf")) {
            return resolve(docs, schema.get("oneOf").get(0));
        }
        return schema;
    }

    static boolean isType(JsonNode schema, String type) {
        var t = schema.path("type");
        if (t.isArray()) {
            for (var each : t) {
                if (each.asString().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return t.asString().equals(type);
    }

    /** A string that is free text: no date, time or choice from a list. */
    static boolean isText(JsonNode schema) {
        return isType(schema, "string") && !schema.has("enum") && schema.path("format").asString().isEmpty();
    }

    static boolean isDate(JsonNode schema) {
        return isType(schema, "string") && schema.path("format").asString().startsWith("date");
    }

    /** Every string field of the schema, named as the guard names it: {@code answers[0].childWords}. */
    static void strings(JsonNode docs, JsonNode schema, String path, List<String> into, int depth) {
        fields(docs, schema, path, s -> isType(s, "string"), into, depth);
    }

    /** Every field of the schema of the kind asked for. */
    static void fields(JsonNode docs, JsonNode schema, String path, Predicate<JsonNode> kind, List<String> into, int depth) {
        schema = resolve(docs, schema);
        if (schema == null || depth > 6) {
            return;
        }
        if (schema.has("properties")) {
            for (var property : iterable(schema.get("properties").properties())) {
                fields(docs, property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), kind, into,
                        depth + 1);
            }
        } else if (isType(schema, "array")) {
            fields(docs, schema.get("items"), path + "[0]", kind, into, depth + 1);
        } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
            fields(docs, schema.get("additionalProperties"), path + ".1", kind, into, depth + 1);
        } else if (kind.test(schema)) {
            into.add(path.isEmpty() ? "body" : path);
        }
    }

    /** A plausible value for the schema, with {@code value} in the one field named {@code target}. */
    static Object build(JsonNode docs, JsonNode schema, String path, String target, Object value, int depth) {
        schema = resolve(docs, schema);
        if (schema == null || depth > 6) {
            return null;
        }
        if (schema.has("properties")) {
            var object = new LinkedHashMap<String, Object>();
            for (var property : iterable(schema.get("properties").properties())) {
                object.put(property.getKey(), build(docs, property.getValue(),
                        path.isEmpty() ? property.getKey() : path + "." + property.getKey(), target, value, depth + 1));
            }
            return object;
        }
        if (isType(schema, "array")) {
            var item = build(docs, schema.get("items"), path + "[0]", target, value, depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
            return Map.of("1", build(docs, schema.get("additionalProperties"), path + ".1", target, value, depth + 1));
        }
        var name = path.isEmpty() ? "body" : path;
        if (name.equals(target)) {
            return value;
        }
        if (isType(schema, "string")) {
            if (schema.has("enum")) {
                return schema.get("enum").get(0).asString();
            }
            return switch (schema.path("format").asString()) {
                case "date" -> "2026-05-04";
                case "date-time" -> "2026-05-04T10:00:00Z";
                case "time", "partial-time" -> "10:00";
                default -> "Vanlig text";
            };
        }
        if (isType(schema, "integer") || isType(schema, "number")) {
            return 1;
        }
        if (isType(schema, "boolean")) {
            return true;
        }
        return null;
    }

    /** A checksum of every table's rows, to see that a refused write changed nothing. */
    static Map<String, String> tables(JdbcClient jdbc) {
        var sums = new TreeMap<String, String>();
        for (var table : jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema() "
                + "and table_type = 'BASE TABLE'").query(String.class).list()) {
            sums.put(table, jdbc.sql("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from \"" + table + "\" t")
                    .query(String.class).single());
        }
        return sums;
    }

    static <T> Iterable<T> iterable(Collection<T> items) {
        return items;
    }
}
