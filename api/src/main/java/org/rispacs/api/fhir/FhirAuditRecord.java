package org.rispacs.api.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of the audit trail as the FHIR edge shows it (an {@code AuditEvent}): what happened,
 * when, by whom, through what, and what it concerns.
 *
 * @param eventId   the event's identifier in the event store (the AuditEvent's id)
 * @param type      the event's type, its class's simple name ({@code OrderPlacedEvent})
 * @param actor     who: a user name, or an interface ({@code hl7:EPIC/HOSP}, {@code dicom:CT1})
 * @param channel   through what: {@code http}, {@code fhir}, {@code hl7}, {@code dicom}, {@code system}...
 * @param source    the request within its channel ({@code GET /fhir/Patient?name=x from 10.0.0.7})
 * @param patients  the patients it concerns, in CX notation ({@code id^^^issuer}); a study's patient as a
 *                  modality sent it may lack the issuer
 * @param users     the user accounts a security event concerns
 * @param fields    the event's own fields that are single values (text, numbers, true/false), as text
 */
public record FhirAuditRecord(
        String eventId,
        String type,
        Instant recorded,
        String actor,
        String channel,
        String source,
        List<String> patients,
        List<String> accessionNumbers,
        List<String> studyInstanceUids,
        List<String> orderIds,
        List<String> reportIds,
        List<String> users,
        Map<String, String> fields) {

    public FhirAuditRecord {
        patients = copy(patients);
        accessionNumbers = copy(accessionNumbers);
        studyInstanceUids = copy(studyInstanceUids);
        orderIds = copy(orderIds);
        reportIds = copy(reportIds);
        users = copy(users);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
