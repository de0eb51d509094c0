package org.rispacs.app.fhir;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Our FHIR R4 server under {@code /fhir}.
 *
 * @param identifierSystems  the FHIR identifier system of a patient id issuer (e.g. {@code HOSP} to
 *                           {@code http://hospital.example/mrn}); an issuer not listed gets
 *                           {@code urn:oid:<issuer>} when it is an OID, else {@code urn:rispacs:issuer:<issuer>}
 * @param accessionSystem    the identifier system of our accession numbers (ServiceRequest identifier type ACSN)
 * @param placerOrderSystem  the identifier system of placer order numbers (ServiceRequest identifier type PLAC)
 * @param codingSystems      the FHIR code system of a procedure coding scheme (e.g. {@code RIS} to
 *                           {@code http://hospital.example/procedures}), over LN, SCT and DCM; a scheme not
 *                           listed gets {@code urn:rispacs:coding-scheme:<scheme>}
 * @param dicomwebUrl        the public URL of our DICOMweb service that the {@code Endpoint} names
 *                           (e.g. {@code https://pacs.hospital.example/dicomweb} behind a proxy); when unset,
 *                           {@code /dicomweb} on the scheme, host and port each request came to
 */
@ConfigurationProperties("ris.fhir")
public record FhirProperties(@DefaultValue Map<String, String> identifierSystems,
                             @DefaultValue("urn:rispacs:accession") String accessionSystem,
                             @DefaultValue("urn:rispacs:placer-order") String placerOrderSystem,
                             @DefaultValue Map<String, String> codingSystems,
                             String dicomwebUrl) {
}
