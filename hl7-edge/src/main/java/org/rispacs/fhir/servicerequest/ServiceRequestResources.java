package org.rispacs.fhir.servicerequest;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.order.OrderPriority;

/** An order of the read model as a FHIR R4 {@code ServiceRequest} resource. */
public final class ServiceRequestResources {

    static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

    private final ServiceRequestSystems systems;
    private final TimeZone zone;

    public ServiceRequestResources(ServiceRequestSystems systems, ZoneId zone) {
        this.systems = systems;
        this.zone = TimeZone.getTimeZone(zone);
    }

    public ServiceRequest toResource(FhirServiceRequest order) {
        ServiceRequest resource = new ServiceRequest();
        resource.setId(order.resourceId());
        resource.getMeta().setVersionId(String.valueOf(order.version()));
        if (order.lastUpdated() != null) {
            resource.getMeta().setLastUpdated(Date.from(order.lastUpdated()));
        }
        if (order.accessionNumber() != null) {
            resource.addIdentifier(identifier("ACSN", "Accession ID", systems.accession(), order.accessionNumber()));
        }
        if (order.placerOrderNumber() != null) {
            resource.addIdentifier(identifier("PLAC", "Placer Identifier", systems.placerOrder(),
                    order.placerOrderNumber()));
        }
        resource.setStatus(status(order.state()));
        resource.setIntent(ServiceRequestIntent.ORDER);
        if (order.modality() != null) {
            resource.addCategory().addCoding().setSystem(DICOM).setCode(order.modality());
        }
        resource.setPriority(priority(order.priority()));
        resource.setCode(code(order.procedure()));
        resource.setSubject(subject(order.patient()));
        if (order.occurrence() != null) {
            resource.setOccurrence(dateTime(order.occurrence()));
        }
        if (order.authoredOn() != null) {
            resource.setAuthoredOnElement(dateTime(order.authoredOn()));
        }
        String requester = ProviderNames.display(order.orderingProvider());
        if (requester != null) {
            resource.setRequester(new Reference().setDisplay(requester));
        }
        if (order.reason() != null && !order.reason().isBlank()) {
            resource.addReasonCode().setText(order.reason());
        }
        return resource;
    }

    /**
     * The order's state as a request status: placed, scheduled or in progress is {@code active} (the
     * request stands), completed {@code completed}, cancelled or discontinued {@code revoked}.
     */
    static ServiceRequestStatus status(FhirOrderState state) {
        if (state == null) {
            return ServiceRequestStatus.UNKNOWN;
        }
        return switch (state) {
            case PLACED, SCHEDULED, IN_PROGRESS -> ServiceRequestStatus.ACTIVE;
            case COMPLETED -> ServiceRequestStatus.COMPLETED;
            case CANCELLED, DISCONTINUED -> ServiceRequestStatus.REVOKED;
        };
    }

    /** The order states a request status stands for (none for draft, on-hold, entered-in-error, unknown). */
    static List<FhirOrderState> states(ServiceRequestStatus status) {
        List<FhirOrderState> states = new ArrayList<>();
        for (FhirOrderState state : FhirOrderState.values()) {
            if (status(state) == status) {
                states.add(state);
            }
        }
        return states;
    }

    /** STAT is stat, HIGH (HL7 A, as soon as possible) asap; ROUTINE, MEDIUM and LOW are routine. */
    static ServiceRequestPriority priority(OrderPriority priority) {
        if (priority == null) {
            return null;
        }
        return switch (priority) {
            case STAT -> ServiceRequestPriority.STAT;
            case HIGH -> ServiceRequestPriority.ASAP;
            case ROUTINE, MEDIUM, LOW -> ServiceRequestPriority.ROUTINE;
        };
    }

    /** A requested priority as ours: stat is STAT, asap and urgent HIGH, routine (or none) ROUTINE. */
    static OrderPriority priority(ServiceRequestPriority priority) {
        if (priority == null || priority == ServiceRequestPriority.NULL) {
            return OrderPriority.ROUTINE;
        }
        return switch (priority) {
            case STAT -> OrderPriority.STAT;
            case ASAP, URGENT -> OrderPriority.HIGH;
            default -> OrderPriority.ROUTINE;
        };
    }

    private CodeableConcept code(ProcedureCode procedure) {
        CodeableConcept code = new CodeableConcept();
        code.addCoding().setSystem(systems.codes().systemOf(procedure.codingScheme())).setCode(procedure.code())
                .setDisplay(procedure.meaning());
        if (procedure.meaning() != null) {
            code.setText(procedure.meaning());
        }
        return code;
    }

    private Reference subject(PatientIdentifier patient) {
        Identifier identifier = new Identifier().setSystem(systems.patients().systemOf(patient.issuer()))
                .setValue(patient.id());
        identifier.getType().addCoding().setSystem(IDENTIFIER_TYPES).setCode("MR").setDisplay("Medical record number");
        return new Reference("Patient/" + FhirPatientIds.of(patient)).setIdentifier(identifier);
    }

    private static Identifier identifier(String type, String display, String system, String value) {
        Identifier identifier = new Identifier().setUse(Identifier.IdentifierUse.USUAL).setSystem(system)
                .setValue(value);
        identifier.getType().addCoding().setSystem(IDENTIFIER_TYPES).setCode(type).setDisplay(display);
        return identifier;
    }

    private DateTimeType dateTime(Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, zone);
    }
}
