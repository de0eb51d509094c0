package org.rispacs.query.worklist;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.common.PatientIdentifier;
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
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.query.elasticsearch.PatientOrders;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The modality worklist: one document per order, listed while its step is scheduled or started,
 * with the patient's demographics copied in (kept in step with ADT updates) so that a worklist
 * query is a single search. Patient events are handled in the same processing group, so the
 * copy is always as new as the order events beside it, in live processing and in replay.
 */
@Component
@ProcessingGroup(WorklistProjection.PROCESSING_GROUP)
class WorklistProjection {

    static final String PROCESSING_GROUP = "modality-worklist";
    private static final int MAX_ITEMS = 10_000;

    private final ElasticsearchClient client;
    private final ReadModelIndex worklist;
    private final ReadModelIndex patients;

    WorklistProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.worklist = indexes.prepare(PROCESSING_GROUP, "modality-worklist");
        this.patients = indexes.prepare(PROCESSING_GROUP, "worklist-patients");
    }

    @EventHandler
    void on(PatientRegisteredEvent event) {
        demographicsChanged(event.patient(), PatientDemographics.of(event.demographics()));
    }

    @EventHandler
    void on(PatientDemographicsUpdatedEvent event) {
        demographicsChanged(event.patient(), PatientDemographics.of(event.demographics()));
    }

    private void demographicsChanged(PatientIdentifier patient, PatientDemographics demographics) {
        // read back only by id, which is real-time: no search, so no refresh (what a load pays most for)
        patients.upsert(patient.toString(), demographics);
        for (String orderId : PatientOrders.of(patients, patient)) {
            WorklistPatient order = worklist.find(orderId, WorklistPatient.class);
            if (order != null && patient.toString().equals(order.patientKey())) {
                upsert(orderId, WorklistDemographics.of(demographics));
            }
        }
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        worklist.upsert(event.orderId(), WorklistOrder.placed(event));
        worklist.upsert(event.orderId(), WorklistRequest.of(event.procedure(), event.priority(), event.reason(),
                event.orderingProvider()));
        patientChanged(event.orderId(), event.patient());
    }

    @EventHandler
    void on(AccessionAssignedEvent event) {
        upsert(event.orderId(), WorklistAccession.of(event.accessionNumber()));
    }

    @EventHandler
    void on(ProcedureScheduledEvent event) {
        worklist.upsert(event.orderId(), new WorklistProcedure(WorklistStatus.SCHEDULED.status(),
                event.requestedProcedureId(), event.scheduledProcedureStepId(), event.studyInstanceUid()));
        upsert(event.orderId(), WorklistSchedule.of(event.scheduledStart(), event.stationAeTitle(), event.stationName(),
                event.location()));
    }

    @EventHandler
    void on(ProcedureRescheduledEvent event) {
        upsert(event.orderId(), WorklistSchedule.of(event.scheduledStart(), event.stationAeTitle(), event.stationName(),
                event.location()));
    }

    @EventHandler
    void on(OrderUpdatedEvent event) {
        upsert(event.orderId(), WorklistRequest.of(event.procedure(), event.priority(), event.reason(),
                event.orderingProvider()));
    }

    @EventHandler
    void on(ProcedureStepStartedEvent event) {
        upsert(event.orderId(), WorklistStepStarted.of(event.performedStepUid()));
    }

    @EventHandler
    void on(ProcedureStepCompletedEvent event) {
        upsert(event.orderId(), WorklistStatus.COMPLETED);
    }

    @EventHandler
    void on(ProcedureStepDiscontinuedEvent event) {
        upsert(event.orderId(), WorklistStatus.DISCONTINUED);
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        upsert(event.orderId(), WorklistStatus.CANCELLED);
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event) {
        patientChanged(event.orderId(), event.patient());
    }

    /** The order is the patient's: their identity and, when known, their demographics from the patients index. */
    private void patientChanged(String orderId, PatientIdentifier patient) {
        worklist.upsert(orderId, WorklistPatient.of(patient));
        PatientDemographics known = patients.find(patient.toString(), PatientDemographics.class);
        if (known != null && known.known()) {
            worklist.upsert(orderId, WorklistDemographics.of(known));
        }
        worklist.refreshAfterBatch();
        PatientOrders.add(patients, patient, orderId);
    }

    @ResetHandler
    void reset() {
        worklist.recreate();
        patients.recreate();
    }

    @QueryHandler
    List<ModalityWorklistItem> handle(FindModalityWorklistQuery query) throws IOException {
        int limit = Math.max(1, Math.min(query.limit(), MAX_ITEMS));
        return client.search(s -> s.index(worklist.name())
                                .query(WorklistMatching.query(query.criteria()))
                                .sort(o -> o.field(f -> f.field("scheduledStart")))
                                .sort(o -> o.field(f -> f.field("orderId")))
                                .size(limit),
                        ModalityWorklistItem.class)
                .hits().hits().stream().map(hit -> hit.source()).toList();
    }

    private void upsert(String orderId, Record fields) {
        worklist.upsert(orderId, fields);
        worklist.refreshAfterBatch();
    }
}
