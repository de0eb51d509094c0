package org.rispacs.fhir.server;

/** The {@code _include}/{@code _revinclude} values offered, as the searches' {@code allow} lists name them. */
public final class IncludeNames {

    public static final String SERVICE_REQUEST_PATIENT = "ServiceRequest:patient";
    public static final String IMAGING_STUDY_BASEDON = "ImagingStudy:basedon";
    public static final String IMAGING_STUDY_PATIENT = "ImagingStudy:patient";
    public static final String DIAGNOSTIC_REPORT_BASED_ON = "DiagnosticReport:based-on";
    public static final String DIAGNOSTIC_REPORT_IMAGING_STUDY = "DiagnosticReport:imaging-study";
    public static final String DIAGNOSTIC_REPORT_PATIENT = "DiagnosticReport:patient";

    private IncludeNames() {
    }
}
