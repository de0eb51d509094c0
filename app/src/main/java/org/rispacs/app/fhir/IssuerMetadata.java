package org.rispacs.app.fhir;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.rispacs.app.security.BearerIssuer;
import org.rispacs.app.security.FhirBearerProperties;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The endpoints of the one bearer-token issuer configured, from its discovery document, so that the
 * CapabilityStatement and our SMART configuration can tell clients where to get tokens. Asked when
 * first needed and kept once found; with several issuers, or none, there is nothing to tell.
 */
class IssuerMetadata {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Optional<BearerIssuer> issuer;
    private final RestClient http;
    private final AtomicReference<Map<?, ?>> found = new AtomicReference<>();

    IssuerMetadata(FhirBearerProperties properties) {
        this.issuer = properties.single();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(TIMEOUT);
        requests.setReadTimeout(TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** Its discovery document (OpenID Connect's, else RFC 8414's), if it names the issuer configured. */
    Optional<Map<?, ?>> document() {
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> known = found.get();
        if (known != null) {
            return Optional.of(known);
        }
        String expected = issuer.get().issuer();
        String base = expected.endsWith("/") ? expected.substring(0, expected.length() - 1) : expected;
        for (String location : new String[] {base + "/.well-known/openid-configuration",
                base + "/.well-known/oauth-authorization-server"}) {
            try {
                Map<?, ?> document = http.get().uri(location).accept(MediaType.APPLICATION_JSON).retrieve()
                        .body(Map.class);
                if (document != null && expected.equals(document.get("issuer"))) {
                    found.set(document);
                    return Optional.of(document);
                }
            } catch (RestClientException unanswered) {
                // try the other location; without either, clients are not told where to get tokens
            }
        }
        return Optional.empty();
    }

    Optional<String> endpoint(String name) {
        return document().map(document -> document.get(name)).filter(String.class::isInstance)
                .map(String.class::cast);
    }
}
