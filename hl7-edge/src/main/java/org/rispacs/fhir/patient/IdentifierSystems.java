package org.rispacs.fhir.patient;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Our patient identifiers' issuers as FHIR identifier systems, and back: a configured system for an
 * issuer first; else {@code urn:oid:<issuer>} for an issuer that is an OID; else
 * {@code urn:rispacs:issuer:<issuer>}, percent-encoded as a URI component.
 */
public final class IdentifierSystems {

    static final String OID_PREFIX = "urn:oid:";
    static final String ISSUER_PREFIX = "urn:rispacs:issuer:";
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    private final Map<String, String> systemByIssuer;
    private final Map<String, String> issuerBySystem = new HashMap<>();

    /** @param systemByIssuer the configured systems (each system of one issuer only) */
    public IdentifierSystems(Map<String, String> systemByIssuer) {
        this.systemByIssuer = Map.copyOf(systemByIssuer);
        systemByIssuer.forEach((issuer, system) -> {
            if (issuerBySystem.put(system, issuer) != null) {
                throw new IllegalArgumentException("identifier system " + system + " is configured for two issuers");
            }
        });
    }

    public String systemOf(String issuer) {
        String configured = systemByIssuer.get(issuer);
        if (configured != null) {
            return configured;
        }
        if (OID.matcher(issuer).matches()) {
            return OID_PREFIX + issuer;
        }
        return ISSUER_PREFIX + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The issuer whose identifiers have this system; empty when none of ours has it. */
    public Optional<String> issuerOf(String system) {
        String issuer = issuerBySystem.get(system);
        if (issuer == null && system.startsWith(OID_PREFIX)
                && OID.matcher(system.substring(OID_PREFIX.length())).matches()) {
            issuer = system.substring(OID_PREFIX.length());
        } else if (issuer == null && system.startsWith(ISSUER_PREFIX)) {
            issuer = decoded(system.substring(ISSUER_PREFIX.length()));
        }
        // a derived system names its issuer only if the issuer is not configured to another system
        return Optional.ofNullable(issuer).filter(found -> systemOf(found).equals(system));
    }

    private static String decoded(String component) {
        try {
            return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
