package org.rispacs.fhir.imaging;

import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;

/**
 * What an ImagingStudy {@code identifier} search names: {@code urn:dicom:uid|urn:oid:<uid>} a
 * Study Instance UID; a value with no system (or the empty system, {@code |value}) the accession
 * number, or the Study Instance UID when it is {@code urn:oid:<uid>}. Any other system is none of
 * ours and names nothing.
 */
record StudyIdentifier(String studyInstanceUid, String accessionNumber) {

    static Optional<StudyIdentifier> of(TokenParam identifier) {
        if (identifier.getModifier() != null || identifier.getMissing() != null) {
            throw new InvalidRequestException("identifier: modifiers are not supported");
        }
        String value = identifier.getValue() == null ? "" : identifier.getValue().strip();
        if (value.isEmpty()) {
            throw new InvalidRequestException("identifier: a value is needed");
        }
        String system = identifier.getSystem();
        boolean uid = value.startsWith(ImagingStudyResources.OID_URN)
                && value.length() > ImagingStudyResources.OID_URN.length();
        if (ImagingStudyResources.DICOM_UID.equals(system) || system == null && uid) {
            return uid ? Optional.of(new StudyIdentifier(value.substring(ImagingStudyResources.OID_URN.length()),
                    null)) : Optional.empty();
        }
        if (system == null || system.isBlank()) {
            return Optional.of(new StudyIdentifier(null, value));
        }
        return Optional.empty();
    }
}
