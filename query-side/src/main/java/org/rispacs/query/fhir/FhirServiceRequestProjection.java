package org.rispacs.query.fhir;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.common.DepartmentZone;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.fhir.FindFhirServiceRequestQuery;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderCancelledEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.ProcedureRescheduledEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ProcedureStepDiscontinuedEvent;
import org.rispacs.api.order.ProcedureStepStartedEvent;
import org.rispacs.api.order.StudyAttachedToOrderEvent;
import org.rispacs.api.order.StudyAttachmentRefusedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.order.StudyLinkedToOrderEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The orders as FHIR {@code ServiceRequest}s show them, keyed by order id. Every event of the order
 * aggregate is handled, if only for the version: the highest sequence number seen plus one, so a
 * replay converges. The scheduled start (a local date-time) is kept as the instant it is in the
 * department's time zone ({@code ris.time-zone}), so that it can be searched like the placement time.
 * After each event the order is emitted to subscribers of {@link FindFhirServiceRequestQuery} (a FHIR
 * create waits for it).
 */
@Component
@ProcessingGroup(FhirServiceRequestProjection.PROCESSING_GROUP)
class FhirServiceRequestProjection {

    static final String PROCESSING_GROUP = "fhir-service-requests";
    static final String SERVICE_REQUESTS = "fhir-service-requests";

    private final ReadModelIndex orders;
    private final QueryUpdateEmitter updates;
    private final ZoneId zone;

    @Autowired
    FhirServiceRequestProjection(ReadModelIndexes indexes, QueryUpdateEmitter updates,
                                 @Value("${ris.time-zone:}") String zone) {
        this(indexes, updates, DepartmentZone.of(zone));
    }

    /** @param zone the department's, in which a scheduled start (a local date-time) is meant */
    FhirServiceRequestProjection(ReadModelIndexes indexes, QueryUpdateEmitter updates, ZoneId zone) {
        this.orders = indexes.prepare(PROCESSING_GROUP, SERVICE_REQUESTS);
        this.updates = updates;
        this.zone = zone;
    }

    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        Map<String, Object> fields = procedure(event.procedure(), event.priority(), event.reason(),
                event.orderingProvider());
        fields.putAll(patient(event.patient()));
        fields.put("resourceId", event.orderId());
        fields.put("state", FhirOrderState.PLACED.name());
        fields.put("placerOrderNumber", event.placerOrderNumber());
        fields.put("modality", event.modality());
        fields.put("authoredOn", message.getTimestamp().toString());
        changed(event.orderId(), fields, message);
    }

    @EventHandler
    void on(AccessionAssignedEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("accessionNumber", event.accessionNumber(), "accessionKey",
                AccessionNumbers.normalise(event.accessionNumber()).orElse(event.accessionNumber())), message);
    }

    @EventHandler
    void on(OrderUpdatedEvent event, EventMessage<?> message) {
        changed(event.orderId(), procedure(event.procedure(), event.priority(), event.reason(),
                event.orderingProvider()), message);
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event, EventMessage<?> message) {
        changed(event.orderId(), patient(event.patient()), message);
    }

    @EventHandler
    void on(ProcedureScheduledEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("state", FhirOrderState.SCHEDULED.name(),
                "occurrence", instant(event.scheduledStart())), message);
    }

    @EventHandler
    void on(ProcedureRescheduledEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("occurrence", instant(event.scheduledStart())), message);
    }

    @EventHandler
    void on(ProcedureStepStartedEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("state", FhirOrderState.IN_PROGRESS.name()), message);
    }

    @EventHandler
    void on(ProcedureStepCompletedEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("state", FhirOrderState.COMPLETED.name()), message);
    }

    @EventHandler
    void on(ProcedureStepDiscontinuedEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("state", FhirOrderState.DISCONTINUED.name()), message);
    }

    @EventHandler
    void on(OrderCancelledEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields("state", FhirOrderState.CANCELLED.name()), message);
    }

    // the order's study events change nothing a ServiceRequest shows, but they are versions of the order

    @EventHandler
    void on(StudyAttachedToOrderEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields(), message);
    }

    @EventHandler
    void on(StudyAttachmentRefusedEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields(), message);
    }

    @EventHandler
    void on(StudyLinkedToOrderEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields(), message);
    }

    @EventHandler
    void on(StudyDetachedFromOrderEvent event, EventMessage<?> message) {
        changed(event.orderId(), fields(), message);
    }

    @ResetHandler
    void reset() {
        orders.recreate();
    }

    private void changed(String orderId, Map<String, Object> fields, EventMessage<?> message) {
        FhirServiceRequestDocument known = orders.find(orderId, FhirServiceRequestDocument.class);
        if (message instanceof DomainEventMessage<?> domain) {
            long version = domain.getSequenceNumber() + 1;
            if (known == null || known.version() == null || version > known.version()) {
                fields.put("version", version);
                fields.put("lastUpdated", message.getTimestamp().toString());
            }
        }
        orders.upsert(orderId, fields);
        orders.refreshAfterBatch();
        FhirServiceRequest answer = orders.find(orderId, FhirServiceRequestDocument.class).answer();
        if (answer != null) {
            updates.emit(FindFhirServiceRequestQuery.class, query -> query.resourceId().equals(orderId), answer);
        }
    }

    private static Map<String, Object> patient(PatientIdentifier patient) {
        return fields("patientResourceId", FhirPatientIds.of(patient), "patientId", patient.id(),
                "issuerOfPatientId", patient.issuer());
    }

    private static Map<String, Object> procedure(ProcedureCode procedure, Object priority, String reason,
                                                 String orderingProvider) {
        return fields("procedureCode", procedure.code(), "codingScheme", procedure.codingScheme(),
                "procedureMeaning", procedure.meaning(), "priority", priority == null ? null : priority.toString(),
                "reason", reason, "orderingProvider", orderingProvider);
    }

    private String instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant().toString();
    }

    /** A partial document; unlike {@code Map.of} it takes null values, which clear a field. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
