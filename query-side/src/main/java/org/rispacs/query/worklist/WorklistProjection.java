package org.rispacs.query.worklist;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonNames;
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
import org.rispacs.api.order.Visit;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.FindPerformedStepQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.PerformedStepView;
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
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    WorklistProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.worklist = indexes.prepare(PROCESSING_GROUP, "modality-worklist");
        this.patients = indexes.prepare(PROCESSING_GROUP, "worklist-patients");
    }

    @EventHandler
    void on(PatientRegisteredEvent event) throws IOException {
        demographicsChanged(event.patient(), event.demographics());
    }

    @EventHandler
    void on(PatientDemographicsUpdatedEvent event) throws IOException {
        demographicsChanged(event.patient(), event.demographics());
    }

    private void demographicsChanged(PatientIdentifier patient, Demographics demographics) throws IOException {
        Map<String, Object> fields = demographicsFields(demographics);
        // read back only by id, which is real-time: no search, so no refresh (what a load pays most for)
        patients.upsert(patient.toString(), fields);
        for (String orderId : PatientOrders.of(patients, patient)) {
            Map<String, Object> order = worklist.find(orderId);
            if (order != null && patient.toString().equals(order.get("patientKey"))) {
                upsert(worklist, orderId, withMatchName(fields));
            }
        }
    }

    @EventHandler
    void on(OrderPlacedEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("orderId", event.orderId());
        fields.put("status", "PLACED");
        fields.put("modality", event.modality());
        fields.put("priority", event.priority().name());
        fields.put("referringPhysicianName", event.orderingProvider());
        fields.put("requestingPhysicianName", event.orderingProvider());
        fields.put("placerOrderNumber", event.placerOrderNumber());
        fields.put("reasonForRequestedProcedure", event.reason());
        fields.put("procedureCode", event.procedure().code());
        fields.put("procedureCodingScheme", event.procedure().codingScheme());
        fields.put("requestedProcedureDescription", event.procedure().meaning());
        Visit visit = event.details() == null ? null : event.details().visit();
        fields.put("admissionId", visit == null ? null : visit.visitNumber());
        fields.put("currentPatientLocation", visit == null ? null : visit.assignedLocation());
        fields.putAll(patientFields(event.patient()));
        upsert(worklist, event.orderId(), fields);
        PatientOrders.add(patients, event.patient(), event.orderId());
    }

    @EventHandler
    void on(AccessionAssignedEvent event) throws IOException {
        upsert(worklist, event.orderId(), Map.of("accessionNumber", event.accessionNumber(),
                "accessionKey", WorklistMatching.accessionKey(event.accessionNumber())));
    }

    @EventHandler
    void on(ProcedureScheduledEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", "SCHEDULED");
        fields.put("requestedProcedureId", event.requestedProcedureId());
        fields.put("scheduledProcedureStepId", event.scheduledProcedureStepId());
        fields.put("studyInstanceUid", event.studyInstanceUid());
        fields.put("scheduledStart", event.scheduledStart().toString());
        fields.put("scheduledStationAeTitle", event.stationAeTitle());
        fields.put("scheduledStationName", event.stationName());
        fields.put("scheduledLocation", event.location());
        upsert(worklist, event.orderId(), fields);
    }

    @EventHandler
    void on(ProcedureRescheduledEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("scheduledStart", event.scheduledStart().toString());
        fields.put("scheduledStationAeTitle", event.stationAeTitle());
        fields.put("scheduledStationName", event.stationName());
        fields.put("scheduledLocation", event.location());
        upsert(worklist, event.orderId(), fields);
    }

    @EventHandler
    void on(OrderUpdatedEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("priority", event.priority().name());
        fields.put("referringPhysicianName", event.orderingProvider());
        fields.put("requestingPhysicianName", event.orderingProvider());
        fields.put("reasonForRequestedProcedure", event.reason());
        fields.put("procedureCode", event.procedure().code());
        fields.put("procedureCodingScheme", event.procedure().codingScheme());
        fields.put("requestedProcedureDescription", event.procedure().meaning());
        upsert(worklist, event.orderId(), fields);
    }

    @EventHandler
    void on(ProcedureStepStartedEvent event) throws IOException {
        upsert(worklist, event.orderId(), Map.of("status", "STARTED",
                "performedProcedureStepUid", event.performedStepUid()));
    }

    @EventHandler
    void on(ProcedureStepCompletedEvent event) throws IOException {
        upsert(worklist, event.orderId(), Map.of("status", "COMPLETED"));
    }

    @EventHandler
    void on(ProcedureStepDiscontinuedEvent event) throws IOException {
        upsert(worklist, event.orderId(), Map.of("status", "DISCONTINUED"));
    }

    @EventHandler
    void on(OrderCancelledEvent event) throws IOException {
        upsert(worklist, event.orderId(), Map.of("status", "CANCELLED"));
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event) throws IOException {
        upsert(worklist, event.orderId(), patientFields(event.patient()));
        PatientOrders.add(patients, event.patient(), event.orderId());
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
                        Map.class)
                .hits().hits().stream()
                .map(hit -> json.convertValue(hit.source(), ModalityWorklistItem.class))
                .toList();
    }

    @QueryHandler
    PerformedStepView handle(FindPerformedStepQuery query) throws IOException {
        var hits = client.search(s -> s.index(worklist.name()).size(1)
                .query(q -> q.term(t -> t.field("performedProcedureStepUid").value(query.performedStepUid()))),
                Map.class).hits().hits();
        if (hits.isEmpty()) {
            return null;
        }
        Map<?, ?> source = hits.get(0).source();
        return new PerformedStepView((String) source.get("orderId"), query.performedStepUid(),
                (String) source.get("status"));
    }

    /** The patient's identity and, when known, the demographics copied from the patients index. */
    private Map<String, Object> patientFields(PatientIdentifier patient) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("patientKey", patient.toString());
        fields.put("patientId", patient.id());
        fields.put("issuerOfPatientId", patient.issuer());
        Map<String, Object> known = patients.find(patient.toString());
        if (known != null && known.containsKey("patientName")) {
            Map<String, Object> demographics = new HashMap<>();
            for (String field : List.of("patientName", "patientBirthDate", "patientSex")) {
                demographics.put(field, known.get(field));
            }
            fields.putAll(withMatchName(demographics));
        }
        return fields;
    }

    private static Map<String, Object> demographicsFields(Demographics demographics) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("patientName", PersonNames.toDicom(demographics.name()));
        fields.put("patientBirthDate", demographics.birthDate() == null ? null : demographics.birthDate().toString());
        fields.put("patientSex", demographics.sex());
        return fields;
    }

    private static Map<String, Object> withMatchName(Map<String, Object> demographics) {
        Map<String, Object> fields = new HashMap<>(demographics);
        Object name = demographics.get("patientName");
        fields.put("patientNameMatch", name == null ? null : WorklistMatching.normalisedName(name.toString()));
        return fields;
    }

    private static void upsert(ReadModelIndex index, String id, Map<String, Object> fields) {
        index.upsert(id, fields);
        index.refreshAfterBatch();
    }
}
