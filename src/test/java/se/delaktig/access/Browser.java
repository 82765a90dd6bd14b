package se.delaktig.access;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for tests against the running server: keeps cookies, does not follow
 * redirects, and reads the CSRF token from the last page the way a real form would send it.
 */
public class Browser {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public Browser(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /** Posts a form as the browser would, with the CSRF token of the page it came from. */
    public HttpResponse<String> postForm(String pagePath, String actionPath, Map<String, String> fields) {
        var page = get(pagePath);
        var all = new LinkedHashMap<>(fields);
        all.put("_csrf", formToken(page.body()));
        return postFormRaw(actionPath, all);
    }

    public HttpResponse<String> postFormRaw(String actionPath, Map<String, String> fields) {
        var body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + actionPath))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    public HttpResponse<String> login(String username, String password) {
        return postForm("/login", "/login", Map.of("username", username, "password", password));
    }

    /** The CSRF token htmx and scripts send in the X-CSRF-TOKEN header, from a page's meta tag. */
    public static String metaToken(String html) {
        var matcher = META_TOKEN.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF meta tag on the page");
        }
        return matcher.group(1);
    }

    public static String formToken(String html) {
        var matcher = FORM_TOKEN.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF field on the page");
        }
        return matcher.group(1);
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("SESSION") || c.getName().equals("JSESSIONID"))
                .map(HttpCookie::toString).findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
