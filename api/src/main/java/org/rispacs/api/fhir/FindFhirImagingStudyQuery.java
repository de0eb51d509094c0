package org.rispacs.api.fhir;

/** Asks for one study by its Study Instance UID; answered with a {@link FhirImagingStudy}, or nothing. */
public record FindFhirImagingStudyQuery(String studyInstanceUid) {
}
