package org.rispacs.app.fhir;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Our FHIR R4 server under {@code /fhir}.
 *
 * @param identifierSystems the FHIR identifier system of a patient id issuer (e.g. {@code HOSP} to
 *                          {@code http://hospital.example/mrn}); an issuer not listed gets
 *                          {@code urn:oid:<issuer>} when it is an OID, else {@code urn:rispacs:issuer:<issuer>}
 */
@ConfigurationProperties("ris.fhir")
public record FhirProperties(@DefaultValue Map<String, String> identifierSystems) {
}
