package org.rispacs.app.security;

import java.net.URI;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One EHR that launches us.
 *
 * @param iss          its FHIR base, as its launches name it
 * @param clientId     our client id at its authorization server
 * @param clientSecret our secret there; none for a public client (then PKCE alone protects the code exchange)
 * @param scopes       what we ask for; {@code launch} and {@code openid} (for the user's identity) are required
 * @param role         the role of everyone this EHR launches us for
 */
public record SmartEhr(
        URI iss,
        String clientId,
        String clientSecret,
        @DefaultValue({"launch", "openid", "fhirUser", "patient/*.read"}) Set<String> scopes,
        @DefaultValue("RADIOLOGIST") Role role) {

    void check(String name) {
        if (iss == null || !iss.isAbsolute() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("ris.smart.ehrs." + name + ": iss (an absolute URL) and client-id "
                    + "are required");
        }
        if (!scopes.contains("launch") || !scopes.contains("openid")) {
            throw new IllegalArgumentException("ris.smart.ehrs." + name + ".scopes must hold launch and openid");
        }
    }

    boolean isPublicClient() {
        return clientSecret == null || clientSecret.isBlank();
    }

    String base() {
        return withoutTrailingSlash(iss.toString());
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
