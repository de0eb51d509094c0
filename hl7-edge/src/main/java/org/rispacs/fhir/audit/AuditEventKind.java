package org.rispacs.fhir.audit;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Coding;

/**
 * How one kind of event shows as an {@code AuditEvent}: its type, its action, and the subtype that
 * refines the type where there is one (a DICOM code, or FHIR's RESTful interaction for a FHIR request).
 */
record AuditEventKind(AuditEventType type, AuditEventAction action, String subtypeSystem, String subtypeCode,
                      String subtypeDisplay) {

    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";

    AuditEventKind(AuditEventType type, AuditEventAction action) {
        this(type, action, null, null, null);
    }

    static AuditEventKind dicom(AuditEventType type, AuditEventAction action, String code, String display) {
        return new AuditEventKind(type, action, AuditEventType.DCM, code, display);
    }

    static AuditEventKind rest(AuditEventAction action, String interaction) {
        return new AuditEventKind(AuditEventType.REST, action, RESTFUL_INTERACTION, interaction, interaction);
    }

    /** The refining subtype, or null when the type says it all. */
    Coding subtype() {
        return subtypeCode == null ? null : new Coding(subtypeSystem, subtypeCode, subtypeDisplay);
    }
}
