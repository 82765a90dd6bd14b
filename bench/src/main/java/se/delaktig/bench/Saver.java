package se.delaktig.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * One interviewer in a browser: signs in with the login form (CSRF token included), opens the
 * interview page, and saves through the request the page's background save sends
 * ({@code POST /interviews/{id}/autosave}, form-encoded, CSRF token in the header). Each save carries
 * a unique marker in the interview's notes; the notes hold the last {@value #WINDOW} markers, so a
 * lost acknowledged save shows as a missing marker when the interview is read back through the API
 * (the text is encrypted in the database).
 */
final class Saver {

    static final int WINDOW = 150;
    /** Sign-in, page and read-back requests: they serve the check, not the measurement. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LOGIN_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern META_HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");
    private static final Pattern VERSION_INPUT = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    private static final Pattern VERSION_JSON = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern SESSION = Pattern.compile("^SESSION=([^;]*)");
    private static final String WORDS = "Jag vill att de frågar mig oftare hur det går i skolan och att de ringer tillbaka när de har lovat.";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one save (or page request) came to. */
    enum Outcome { OK, CONFLICT, SIGNED_OUT, HTTP_ERROR, TIMEOUT, IO_ERROR }

    record Result(Outcome outcome, int status, long nanos) {
    }

    final int index;
    private final String username;
    private final String password;
    final long interviewId;
    private final List<Long> questions;
    private final String base;
    private final HttpClient http;
    private final Duration timeout;
    private String session;
    private String csrf;
    private String csrfHeader = "X-CSRF-TOKEN";
    private int version = -1;
    private long sequence;
    private final Deque<String> markers = new ArrayDeque<>();
    /** Markers answered 200 since the text was last read back. */
    private final List<String> acknowledged = new ArrayList<>();

    Saver(int index, String username, String password, long interviewId, List<Long> questions, String base,
          HttpClient http, Duration timeout) {
        this.index = index;
        this.username = username;
        this.password = password;
        this.interviewId = interviewId;
        this.questions = questions;
        this.base = base;
        this.http = http;
        this.timeout = timeout;
    }

    /** Signs in and opens the interview page (its CSRF token and version). */
    boolean signIn() {
        try {
            session = null;
            var page = send(get("/login"));
            if (page.statusCode() != 200) {
                return false;
            }
            var token = find(LOGIN_CSRF, page.body());
            var login = send(post("/login", form(Map.of("username", username, "password", password, "_csrf", token))));
            var location = login.headers().firstValue("Location").orElse("");
            if (login.statusCode() != 302 || location.contains("error") || location.contains("second-factor")) {
                return false;
            }
            return openPage();
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean openPage() throws IOException, InterruptedException {
        var page = send(get("/interviews/" + interviewId));
        if (page.statusCode() != 200) {
            return false;
        }
        csrf = find(META_CSRF, page.body());
        csrfHeader = find(META_HEADER, page.body());
        version = Integer.parseInt(find(VERSION_INPUT, page.body()));
        return true;
    }

    /** One save with a new marker; the marker counts as acknowledged only on a 200. */
    Result save() {
        var marker = "m" + index + "." + (++sequence);
        markers.addLast(marker);
        while (markers.size() > WINDOW) {
            // A marker that leaves the window is overwritten by this save: from now on only the saves
            // that still carry it can show it, so it is no longer counted on its own.
            acknowledged.remove(markers.removeFirst());
        }
        var fields = new LinkedHashMap<String, String>();
        fields.put("version", Integer.toString(version));
        fields.put("notes", String.join(" ", markers));
        fields.put("durationMinutes", "45");
        for (var q : questions) {
            fields.put("answers[" + q + "].childWords", WORDS);
        }
        var request = HttpRequest.newBuilder(URI.create(base + "/interviews/" + interviewId + "/autosave"))
                .timeout(timeout).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header(csrfHeader, csrf == null ? "" : csrf)
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        var start = System.nanoTime();
        try {
            var response = send(request);
            var nanos = System.nanoTime() - start;
            var status = response.statusCode();
            if (status == 200) {
                version = Integer.parseInt(find(VERSION_JSON, response.body()));
                acknowledged.add(marker);
                return new Result(Outcome.OK, status, nanos);
            }
            if (status == 409) {
                return new Result(Outcome.CONFLICT, status, nanos);
            }
            if (status == 401 || status == 403 || status == 302) {
                return new Result(Outcome.SIGNED_OUT, status, nanos);
            }
            return new Result(Outcome.HTTP_ERROR, status, nanos);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Result(Outcome.TIMEOUT, 0, System.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.IO_ERROR, 0, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.IO_ERROR, 0, System.nanoTime() - start);
        }
    }

    /** After a conflict: the page's version again (a save whose answer was lost may have gone through). */
    boolean reload() {
        try {
            return openPage() || signIn();
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Reads the interview back through the API and counts the acknowledged markers that are not in
     * its notes. Returns -1 if it could not be read (the caller tries again later). Afterwards the
     * saver goes on from what is stored.
     */
    int verify() {
        try {
            var response = send(get("/api/v1/interviews/" + interviewId).header("Accept", "application/json"));
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                if (!signIn()) {
                    return -1;
                }
                response = send(get("/api/v1/interviews/" + interviewId).header("Accept", "application/json"));
            }
            if (response.statusCode() != 200) {
                return -1;
            }
            var node = JSON.readTree(response.body());
            var notes = node.path("notes").isNull() ? "" : node.path("notes").asString("");
            var stored = List.of(notes.isBlank() ? new String[0] : notes.trim().split(" "));
            var present = new java.util.HashSet<>(stored);
            var lost = (int) acknowledged.stream().filter(m -> !present.contains(m)).count();
            acknowledged.clear();
            markers.clear();
            markers.addAll(stored);
            if (!openPage()) {
                signIn();
            }
            return lost;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(READ_TIMEOUT).GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(READ_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (session != null) {
            request.header("Cookie", "SESSION=" + session);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (var cookie : response.headers().allValues("Set-Cookie")) {
            var matcher = SESSION.matcher(cookie);
            if (matcher.find()) {
                session = matcher.group(1).isEmpty() ? null : matcher.group(1);
            }
        }
        return response;
    }

    private static String find(Pattern pattern, String text) {
        var matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("Not found on the page: " + pattern);
        }
        return matcher.group(1);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
