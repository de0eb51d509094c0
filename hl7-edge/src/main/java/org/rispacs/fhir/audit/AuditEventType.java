package org.rispacs.fhir.audit;

import org.hl7.fhir.r4.model.Coding;

/**
 * The {@code AuditEvent.type} codes we use: DICOM's audit event ids (PS3.15 A.5, the codes IHE's
 * Basic Audit Log Patterns use for non-RESTful events) and FHIR's {@code rest} for FHIR interactions.
 */
enum AuditEventType {
    APPLICATION_ACTIVITY(AuditEventType.DCM, "110100", "Application Activity"),
    AUDIT_LOG_USED(AuditEventType.DCM, "110101", "Audit Log Used"),
    INSTANCES_ACCESSED(AuditEventType.DCM, "110103", "DICOM Instances Accessed"),
    INSTANCES_TRANSFERRED(AuditEventType.DCM, "110104", "DICOM Instances Transferred"),
    EXPORT(AuditEventType.DCM, "110106", "Export"),
    ORDER_RECORD(AuditEventType.DCM, "110109", "Order Record"),
    PATIENT_RECORD(AuditEventType.DCM, "110110", "Patient Record"),
    PROCEDURE_RECORD(AuditEventType.DCM, "110111", "Procedure Record"),
    QUERY(AuditEventType.DCM, "110112", "Query"),
    SECURITY_ALERT(AuditEventType.DCM, "110113", "Security Alert"),
    USER_AUTHENTICATION(AuditEventType.DCM, "110114", "User Authentication"),
    REST("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation");

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    private final String system;
    private final String code;
    private final String display;

    AuditEventType(String system, String code, String display) {
        this.system = system;
        this.code = code;
        this.display = display;
    }

    Coding coding() {
        return new Coding(system, code, display);
    }

    String code() {
        return code;
    }
}
