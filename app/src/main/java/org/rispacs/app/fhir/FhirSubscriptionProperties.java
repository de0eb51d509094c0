package org.rispacs.app.fhir;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * FHIR topic-based subscriptions (R4 Subscriptions Backport IG): where notifications may go and how.
 *
 * @param allowedEndpoints URL prefixes of the rest-hook endpoints subscriptions may name (e.g.
 *                         {@code https://ehr.hospital.example/fhir-hooks/}); empty (the default): none, and every
 *                         subscription is refused
 * @param connectTimeout   how long a notification waits to connect to its endpoint
 * @param readTimeout      how long it waits for the endpoint's answer; no answer is no acknowledgement
 * @param serverUrl        our FHIR server's public base URL that notifications name resources by (e.g.
 *                         {@code https://ris.hospital.example/fhir}); unset: {@code http://localhost:<port>/fhir}
 */
@ConfigurationProperties("ris.fhir.subscriptions")
public record FhirSubscriptionProperties(@DefaultValue List<String> allowedEndpoints,
                                         @DefaultValue("5s") Duration connectTimeout,
                                         @DefaultValue("10s") Duration readTimeout,
                                         String serverUrl) {
}
