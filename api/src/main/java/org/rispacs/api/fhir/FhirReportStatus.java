package org.rispacs.api.fhir;

/**
 * How far a report shown over FHIR has come. A draft is kept in the read model (its text is needed once it is
 * signed) but is no result: the FHIR edge never shows it.
 */
public enum FhirReportStatus {
    DRAFT,
    PRELIMINARY,
    FINAL,
    /** Signed final, then given one or more addenda. */
    APPENDED
}
