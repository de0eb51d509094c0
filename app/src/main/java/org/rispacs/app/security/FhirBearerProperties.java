package org.rispacs.app.security;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens on the FHIR server ({@code ris.fhir.bearer.*}): off unless an issuer is configured.
 * Configured apart from the SMART EHRs ({@code ris.smart.ehrs}) on purpose: an EHR that may launch
 * our pages is not thereby trusted to grant access to the FHIR API, and what its tokens must name
 * (our FHIR base as audience) is not part of a launch's settings.
 *
 * @param issuers the trusted authorization servers by a name of our choosing
 */
@ConfigurationProperties("ris.fhir.bearer")
public record FhirBearerProperties(@DefaultValue Map<String, BearerIssuer> issuers) {

    public FhirBearerProperties {
        issuers.forEach((name, issuer) -> issuer.check(name));
        if (issuers.values().stream().map(BearerIssuer::issuer).distinct().count() < issuers.size()) {
            throw new IllegalArgumentException("ris.fhir.bearer.issuers: each issuer-uri may be configured once");
        }
    }

    public boolean enabled() {
        return !issuers.isEmpty();
    }

    /** The one issuer configured, if exactly one is (then clients can be told where to get tokens). */
    public Optional<BearerIssuer> single() {
        return issuers.size() == 1 ? Optional.of(issuers.values().iterator().next()) : Optional.empty();
    }
}
