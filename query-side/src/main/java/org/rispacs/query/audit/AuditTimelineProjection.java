package org.rispacs.query.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * Every event, with who, when, through what and in which correlation, searchable by the
 * patient, accession number, study, order or report it concerns. An event that names only its
 * order (a cancellation, say) is found by the order's patient and accession too: the projection
 * remembers, per order and per linked study, which patient and accession they belong to; and per
 * charge and per delivery (ORU^R01, DFT^P03) which order, so that a delivery's attempts and its
 * acknowledgement, which name only the delivery, are found by the order, patient and accession.
 */
@Component
@ProcessingGroup(AuditTimelineProjection.PROCESSING_GROUP)
class AuditTimelineProjection {

    static final String PROCESSING_GROUP = "audit-timeline";

    private static final List<String> PATIENT_FIELDS = List.of("patient", "patients", "merged", "survivor",
            "previous");

    private final ElasticsearchClient client;
    private final ReadModelIndex timeline;
    private final ReadModelIndex links;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    AuditTimelineProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.timeline = indexes.prepare(PROCESSING_GROUP, "audit-timeline");
        this.links = indexes.prepare(PROCESSING_GROUP, "audit-orders");
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) throws IOException {
        remember(payload, message.getIdentifier());
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = json.convertValue(payload, Map.class);
        Set<String> patients = new LinkedHashSet<>();
        Set<String> accessions = new LinkedHashSet<>();
        Set<String> studies = new LinkedHashSet<>();
        Set<String> orders = new LinkedHashSet<>();
        Set<String> reports = new LinkedHashSet<>();
        for (String field : PATIENT_FIELDS) {
            addPatient(patients, tree.get(field));
        }
        addText(orders, tree.get("orderId"));
        addText(studies, tree.get("studyInstanceUid"));
        addText(reports, tree.get("reportId"));
        addAccession(accessions, tree.get("accessionNumber"));
        if (tree.get("attributes") instanceof Map<?, ?> received) {
            addAccession(accessions, received.get("accessionNumber"));
            addText(patients, receivedPatient(received.get("patientId"), received.get("issuerOfPatientId")));
        }
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        if (payload.getClass().getPackageName().endsWith(".patient") && aggregateId != null) {
            patients.add(aggregateId);
        }
        Set<String> linked = new LinkedHashSet<>();
        addText(linked, tree.get("chargeId"));
        addText(linked, tree.get("deliveryId"));
        for (String key : concat(concat(orders, studies), linked)) {
            Map<String, Object> known = links.find(key);
            if (known != null) {
                addText(patients, known.get("patient"));
                addText(patients, known.get("receivedPatient"));
                addText(accessions, known.get("accessionNumber"));
                addText(orders, known.get("orderId"));
            }
        }
        Map<String, Object> document = new HashMap<>();
        document.put("eventId", message.getIdentifier());
        document.put("type", payload.getClass().getSimpleName());
        document.put("aggregateId", aggregateId);
        document.put("sequence", message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0);
        document.put("timestamp", message.getTimestamp().toString());
        document.put("actor", message.getMetaData().get(AuditMetadata.ACTOR));
        document.put("channel", message.getMetaData().get(AuditMetadata.CHANNEL));
        document.put("source", message.getMetaData().get(AuditMetadata.SOURCE));
        document.put("correlationId", message.getMetaData().get("correlationId"));
        document.put("payload", text(payload));
        document.put("patients", List.copyOf(patients));
        document.put("accessionNumbers", List.copyOf(accessions));
        document.put("studyInstanceUids", List.copyOf(studies));
        document.put("orderIds", List.copyOf(orders));
        document.put("reportIds", List.copyOf(reports));
        document.put("users", users(payload, tree));
        timeline.put(message.getIdentifier(), document);
    }

    /** Which patient and accession each order, and each study linked to an order, belongs to. */
    private void remember(Object payload, String eventId) throws IOException {
        if (payload instanceof OrderPlacedEvent placed) {
            link(placed.orderId(), Map.of("patient", placed.patient().toString(), "placedEventId", eventId));
        } else if (payload instanceof AccessionAssignedEvent assigned) {
            String key = AccessionNumbers.normalise(assigned.accessionNumber()).orElse(assigned.accessionNumber());
            link(assigned.orderId(), Map.of("accessionNumber", key));
            // the order's first event came before its accession: file it under the accession too
            Map<String, Object> order = links.find(assigned.orderId());
            if (order != null && order.get("placedEventId") instanceof String placedEventId) {
                timeline.upsert(placedEventId, Map.of("accessionNumbers", List.of(key)));
            }
        } else if (payload instanceof OrderPatientReassignedEvent reassigned) {
            link(reassigned.orderId(), Map.of("patient", reassigned.patient().toString()));
        } else if (payload instanceof InstancesReceivedEvent received && received.firstForStudy()) {
            // the patient the modality sent stays findable on the study's later events (a reconciliation
            // that moves it to another patient shows on the timeline of the patient it came from)
            String patient = receivedPatient(received.attributes().patientId(),
                    received.attributes().issuerOfPatientId());
            if (patient != null) {
                link(received.studyInstanceUid(), Map.of("receivedPatient", patient));
            }
        } else if (payload instanceof StudyMatchedToOrderEvent matched) {
            linkStudy(matched.studyInstanceUid(), matched.orderId());
        } else if (payload instanceof StudyReconciledEvent reconciled && reconciled.orderId() != null) {
            linkStudy(reconciled.studyInstanceUid(), reconciled.orderId());
        } else if (payload instanceof ChargeCapturedEvent captured) {
            linkToOrder(captured.chargeId(), captured.orderId());
        } else if (payload instanceof DeliveryScheduledEvent scheduled) {
            linkToOrder(scheduled.deliveryId(), scheduled.orderId());
        }
    }

    private static String receivedPatient(Object id, Object issuer) {
        if (id == null || id.toString().isBlank()) {
            return null;
        }
        return id.toString().strip() + (issuer == null || issuer.toString().isBlank() ? "" : "^^^" + issuer);
    }

    private void linkStudy(String studyInstanceUid, String orderId) throws IOException {
        Map<String, Object> order = links.find(orderId);
        if (order != null) {
            link(studyInstanceUid, order);
        }
    }

    /** A charge or delivery: the order it is for, with the order's patient and accession. */
    private void linkToOrder(String key, String orderId) throws IOException {
        if (key == null || orderId == null) {
            return;
        }
        Map<String, Object> order = links.find(orderId);
        Map<String, Object> fields = new HashMap<>();
        if (order != null) {
            fields.putAll(order);
        }
        fields.put("orderId", orderId);
        link(key, fields);
    }

    private void link(String key, Map<String, Object> fields) throws IOException {
        links.upsert(key, fields);
    }

    @ResetHandler
    void reset() {
        timeline.recreate();
        links.recreate();
    }

    @QueryHandler
    List<AuditEntry> handle(FindAuditTimelineQuery query) throws IOException {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        term(bool, "patients", query.patient());
        term(bool, "accessionNumbers", query.accessionNumber() == null ? null
                : AccessionNumbers.normalise(query.accessionNumber()).orElse(null));
        term(bool, "studyInstanceUids", query.studyInstanceUid());
        term(bool, "orderIds", query.orderId());
        term(bool, "reportIds", query.reportId());
        term(bool, "actor", query.actor());
        term(bool, "users", query.user());
        if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("timestamp");
                if (query.from() != null) {
                    d.gte(query.from().toString());
                }
                if (query.to() != null) {
                    d.lte(query.to().toString());
                }
                return d;
            })));
        }
        int size = Math.max(1, Math.min(query.size(), 1000));
        Query filter = bool.build()._toQuery();
        return client.search(s -> s.index(timeline.name()).query(filter)
                        .sort(o -> o.field(f -> f.field("timestamp").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("sequence").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("eventId").order(SortOrder.Asc)))
                        .from(Math.max(0, query.page()) * size).size(size), Map.class)
                .hits().hits().stream().map(hit -> entry(hit.source())).toList();
    }

    private static AuditEntry entry(Map<?, ?> source) {
        return new AuditEntry((String) source.get("eventId"), (String) source.get("type"),
                (String) source.get("aggregateId"), ((Number) source.get("sequence")).longValue(),
                Instant.parse((String) source.get("timestamp")), (String) source.get("actor"),
                (String) source.get("channel"), (String) source.get("source"), (String) source.get("correlationId"),
                (String) source.get("payload"), source.get("patients") instanceof List<?> patients
                ? patients.stream().map(String::valueOf).toList() : List.of());
    }

    private static void term(BoolQuery.Builder bool, String field, String value) {
        if (value != null && !value.isBlank()) {
            bool.filter(f -> f.term(t -> t.field(field).value(FieldValue.of(value.strip()))));
        }
    }

    private static void addPatient(Set<String> patients, Object value) {
        if (value instanceof List<?> several) {
            several.forEach(one -> addPatient(patients, one));
        } else if (value instanceof Map<?, ?> identifier && identifier.get("id") != null) {
            patients.add(identifier.get("id") + "^^^" + identifier.get("issuer"));
        }
    }

    /** The user account a security event concerns, so that it is found by that user as well as by its actor. */
    private static List<String> users(Object payload, Map<String, Object> tree) {
        return payload.getClass().getPackageName().endsWith(".security") && tree.get("username") != null
                ? List.of(tree.get("username").toString()) : List.of();
    }

    private static void addText(Set<String> values, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.add(value.toString());
        }
    }

    private static void addAccession(Set<String> accessions, Object value) {
        if (value != null) {
            try {
                AccessionNumbers.normalise(value.toString()).ifPresent(accessions::add);
            } catch (IllegalArgumentException notAnAccession) {
                accessions.add(value.toString());
            }
        }
    }

    private static Set<String> concat(Set<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return all;
    }

    private String text(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return String.valueOf(payload);
        }
    }
}
