package org.rispacs.fhir.audit;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;
import java.util.function.Function;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.SearchFhirAuditRecordsQuery;
import org.rispacs.fhir.server.PageRequest;

/**
 * The search parameters of AuditEvent as the audit timeline's query: {@code patient} and {@code entity}
 * by the resources we serve (Patient, ServiceRequest, ImagingStudy, DiagnosticReport), {@code agent}
 * by user name, {@code agent-name} by its start (or exactly with {@code :exact}), {@code subtype} by the
 * event's name ({@code urn:rispacs:audit-event|OrderPlaced}), {@code date} as one range. Empty when
 * nothing can match (a patient the RIS does not know, an empty date range, a
 * {@code _count} of 0).
 */
final class AuditEventSearch {

    private final Function<String, Optional<PatientIdentifier>> patients;

    /** @param patients the patient a Patient resource id stands for, if any */
    AuditEventSearch(Function<String, Optional<PatientIdentifier>> patients) {
        this.patients = patients;
    }

    Optional<SearchFhirAuditRecordsQuery> query(ReferenceParam patient, ReferenceParam entity, ReferenceParam agent,
                                                StringParam agentName, TokenParam subtype, RecordedRange recorded,
                                                PageRequest page) {
        String patientCx = null;
        if (patient != null) {
            String type = plain("patient", patient);
            if (type != null && !"Patient".equals(type)) {
                throw new InvalidRequestException("patient: a Patient reference is needed, not " + type);
            }
            Optional<PatientIdentifier> known = patients.apply(patient.getIdPart());
            if (known.isEmpty()) {
                return Optional.empty();
            }
            patientCx = known.get().toString();
        }
        String orderId = null;
        String studyInstanceUid = null;
        String reportId = null;
        if (entity != null) {
            String type = plain("entity", entity);
            String id = entity.getIdPart();
            switch (type == null ? "" : type) {
                case "Patient" -> {
                    Optional<PatientIdentifier> known = patients.apply(id);
                    if (known.isEmpty() || patientCx != null && !patientCx.equals(known.get().toString())) {
                        return Optional.empty();
                    }
                    patientCx = known.get().toString();
                }
                case "ServiceRequest" -> orderId = id;
                case "ImagingStudy" -> studyInstanceUid = id;
                case "DiagnosticReport" -> reportId = id;
                default -> throw new InvalidRequestException("entity: a reference to a Patient, ServiceRequest, "
                        + "ImagingStudy or DiagnosticReport is needed (Type/id)");
            }
        }
        String actor = null;
        if (agent != null) {
            if (plain("agent", agent) != null) {
                throw new InvalidRequestException("agent: the user name alone is needed (agent=<user name>)");
            }
            actor = agent.getIdPart();
        }
        String actorPrefix = null;
        if (agentName != null) {
            if (agentName.isContains() || agentName.getMissing() != null) {
                throw new InvalidRequestException("agent-name: only the default (starts-with) and :exact matches "
                        + "are supported");
            }
            String name = agentName.getValue() == null ? "" : agentName.getValue().strip();
            if (name.isEmpty()) {
                throw new InvalidRequestException("agent-name: a name is needed");
            }
            if (agentName.isExact()) {
                if (actor != null && !actor.equals(name)) {
                    return Optional.empty();
                }
                actor = name;
            } else {
                actorPrefix = name;
            }
        }
        String eventType = null;
        if (subtype != null) {
            boolean ours = subtype.getSystem() == null || subtype.getSystem().isBlank()
                    || AuditEventResources.EVENT_TYPES.equals(subtype.getSystem());
            if (!ours || subtype.getModifier() != null || subtype.getMissing() != null || subtype.getValue() == null
                    || subtype.getValue().isBlank()) {
                throw new InvalidRequestException("subtype: only the event's name is searchable ("
                        + AuditEventResources.EVENT_TYPES + "|<event>, such as OrderPlaced)");
            }
            eventType = subtype.getValue().strip() + "Event";
        }
        if (recorded.empty()) {
            return Optional.empty();
        }
        return Optional.of(new SearchFhirAuditRecordsQuery(patientCx, orderId, studyInstanceUid, reportId, actor,
                actorPrefix, eventType, recorded.from(), recorded.until(), page.offset(), page.count()));
    }

    /** The reference's resource type (null when it names none), refusing chains and modifiers. */
    private static String plain(String name, ReferenceParam reference) {
        if (reference.getChain() != null || reference.getMissing() != null
                || reference.getValue() == null || reference.getIdPart() == null || reference.getIdPart().isBlank()) {
            throw new InvalidRequestException(name + ": a plain reference is needed (no chain or modifier)");
        }
        String type = reference.getResourceType();
        return type == null || type.isBlank() ? null : type;
    }
}
