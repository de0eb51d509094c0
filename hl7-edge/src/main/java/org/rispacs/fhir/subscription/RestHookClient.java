package org.rispacs.fhir.subscription;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * POSTs notifications to rest-hook endpoints with Java's HTTP client: redirects are not followed (a
 * redirect could lead to an endpoint the operator did not allow), and a 2xx is the only
 * acknowledgement.
 */
public final class RestHookClient {

    private final HttpClient http;
    private final Duration readTimeout;

    public RestHookClient(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.readTimeout = readTimeout;
    }

    /**
     * The outcome of one POST.
     *
     * @param status the HTTP status answered, or null when none was
     * @param error  why it is no acknowledgement, or null
     */
    public record Outcome(boolean acknowledged, Integer status, String error) {
    }

    /** @param headers {@code Name: value} each */
    public Outcome post(String endpoint, List<String> headers, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(readTimeout)
                .header("Content-Type", contentType + "; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? new Outcome(true, status, null)
                    : new Outcome(false, status, "HTTP " + status + " from " + endpoint);
        } catch (HttpTimeoutException timeout) {
            return new Outcome(false, null, "timeout: no answer from " + endpoint + " within " + readTimeout);
        } catch (ConnectException refused) {
            return new Outcome(false, null, "connection refused by " + endpoint);
        } catch (IOException failure) {
            return new Outcome(false, null, "not sent to " + endpoint + ": " + failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted while sending to " + endpoint);
        }
    }
}
