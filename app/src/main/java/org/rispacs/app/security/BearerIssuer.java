package org.rispacs.app.security;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An authorization server whose access tokens the FHIR server accepts ({@code ris.fhir.bearer.issuers.<name>.*}).
 *
 * @param issuerUri     its issuer, exactly as its tokens name it in {@code iss}; its signing keys are
 *                      found through its discovery document when its first token arrives
 * @param audience      what its tokens must hold in {@code aud}: our FHIR base URL as its clients know it
 * @param usernameClaim the claim naming the user on the audit trail (else {@code sub})
 * @param role          the role of everyone holding its tokens; or else
 * @param roleClaim     the claim listing the user's groups or roles there, mapped by
 * @param roles         our role for each value of that claim (a token with none of them gets no role)
 */
public record BearerIssuer(
        URI issuerUri,
        String audience,
        @DefaultValue("sub") String usernameClaim,
        Role role,
        @DefaultValue("roles") String roleClaim,
        @DefaultValue Map<String, Role> roles) {

    void check(String name) {
        String prefix = "ris.fhir.bearer.issuers." + name;
        if (issuerUri == null || !issuerUri.isAbsolute() || audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(prefix + ": issuer-uri (an absolute URL) and audience are required");
        }
        if ((role == null) == roles.isEmpty()) {
            throw new IllegalArgumentException(prefix + ": either role or roles (with role-claim) is required, "
                    + "not both");
        }
    }

    /** The issuer as tokens name it (without our parsing adding or dropping anything). */
    public String issuer() {
        return issuerUri.toString();
    }
}
