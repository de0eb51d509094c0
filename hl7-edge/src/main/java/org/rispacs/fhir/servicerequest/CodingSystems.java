package org.rispacs.fhir.servicerequest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The coding schemes of our procedure codes (HL7 CWE coding system, DICOM Coding Scheme Designator)
 * as FHIR code systems, and back: configured ones first, then LOINC ({@code LN}), SNOMED CT
 * ({@code SCT}) and DICOM ({@code DCM}); any other scheme is {@code urn:rispacs:coding-scheme:<scheme>},
 * percent-encoded. A system that is none of these names no scheme of ours.
 */
public final class CodingSystems {

    static final String SCHEME_PREFIX = "urn:rispacs:coding-scheme:";
    private static final Map<String, String> WELL_KNOWN = Map.of(
            "LN", "http://loinc.org",
            "SCT", "http://snomed.info/sct",
            "DCM", "http://dicom.nema.org/resources/ontology/DCM");

    private final Map<String, String> systemByScheme = new HashMap<>(WELL_KNOWN);
    private final Map<String, String> schemeBySystem = new HashMap<>();

    /** @param configured systems of schemes (each system of one scheme only), over the well-known ones */
    public CodingSystems(Map<String, String> configured) {
        systemByScheme.putAll(configured);
        systemByScheme.forEach((scheme, system) -> {
            if (schemeBySystem.put(system, scheme) != null) {
                throw new IllegalArgumentException("code system " + system + " is configured for two schemes");
            }
        });
    }

    /** The system of a scheme; null for a code without a scheme. */
    public String systemOf(String scheme) {
        if (scheme == null || scheme.isBlank()) {
            return null;
        }
        String known = systemByScheme.get(scheme);
        return known != null ? known
                : SCHEME_PREFIX + URLEncoder.encode(scheme, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The scheme of a system; empty when the system is none of ours. */
    public Optional<String> schemeOf(String system) {
        String scheme = schemeBySystem.get(system);
        if (scheme == null && system.startsWith(SCHEME_PREFIX)) {
            try {
                scheme = URLDecoder.decode(system.substring(SCHEME_PREFIX.length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(scheme).filter(found -> !found.isBlank() && systemOf(found).equals(system));
    }
}
