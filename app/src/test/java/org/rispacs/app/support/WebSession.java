package org.rispacs.app.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rispacs.api.common.DaemonThreads;

/** A browser-like HTTP client for the web pages: keeps its session cookie, follows no redirect. */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final String HTML = "text/html,application/xhtml+xml";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebSession(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", HTML).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token a page's forms carry. */
    public String csrfToken(String page) throws IOException, InterruptedException {
        HttpResponse<String> response = get(page);
        Matcher token = CSRF.matcher(response.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + page + ": " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", HTML)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Opens a server-sent event stream and hands each of its lines to {@code lines} on a thread
     * of its own, until the stream ends.
     */
    public Thread stream(String path, Consumer<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").build();
        return DaemonThreads.start("sse " + path, () -> {
            try {
                http.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(lines);
            } catch (IOException | InterruptedException ended) {
                // the stream is gone; whoever waits on its lines finds out
            }
        });
    }

    /** Signs in through the login form; answers where the application sends the browser next. */
    public String signIn(String username, String password) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.put("_csrf", csrfToken("/login"));
        HttpResponse<String> response = post("/login", form);
        if (response.statusCode() != 302) {
            throw new AssertionError("sign-in answered " + response.statusCode());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }
}
