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
import java.util.LinkedHashSet;
import java.util.List;
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
 *
 * <p>What an event names itself it declares through the {@code org.rispacs.api.concerns} interfaces
 * (see {@link EventConcerns}); nothing here depends on the names of its fields.
 */
@Component
@ProcessingGroup(AuditTimelineProjection.PROCESSING_GROUP)
class AuditTimelineProjection {

    static final String PROCESSING_GROUP = "audit-timeline";

    private final ElasticsearchClient client;
    private final ReadModelIndex timeline;
    private final ReadModelIndex links;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(ChannelHeaderValuesHidden.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    AuditTimelineProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.timeline = indexes.prepare(PROCESSING_GROUP, "audit-timeline");
        this.links = indexes.prepare(PROCESSING_GROUP, "audit-orders");
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        remember(payload, message.getIdentifier());
        EventConcerns concerns = EventConcerns.of(payload);
        Set<String> patients = new LinkedHashSet<>(concerns.patients());
        Set<String> accessions = new LinkedHashSet<>(concerns.accessions());
        Set<String> orders = new LinkedHashSet<>(concerns.orders());
        for (String key : concerns.remembered()) {
            AuditLink known = links.find(key, AuditLink.class);
            if (known != null) {
                addText(patients, known.patient());
                addText(patients, known.receivedPatient());
                addText(accessions, known.accessionNumber());
                addText(orders, known.orderId());
            }
        }
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        TimelineEntry entry = new TimelineEntry(message.getIdentifier(), payload.getClass().getSimpleName(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? 0 : domain.getSequenceNumber(),
                message.getTimestamp().toString(), metaData(message, AuditMetadata.ACTOR),
                metaData(message, AuditMetadata.CHANNEL), metaData(message, AuditMetadata.SOURCE),
                metaData(message, "correlationId"), text(payload), List.copyOf(patients), List.copyOf(accessions),
                List.copyOf(concerns.studies()), List.copyOf(orders), List.copyOf(concerns.reports()),
                concerns.users());
        timeline.put(message.getIdentifier(), entry);
    }

    /** Which patient and accession each order, and each study linked to an order, belongs to. */
    private void remember(Object payload, String eventId) {
        if (payload instanceof OrderPlacedEvent placed) {
            link(placed.orderId(), AuditLink.placed(placed.patient().toString(), eventId));
        } else if (payload instanceof AccessionAssignedEvent assigned) {
            String key = AccessionNumbers.normalise(assigned.accessionNumber()).orElse(assigned.accessionNumber());
            link(assigned.orderId(), AuditLink.accession(key));
            // the order's first event came before its accession: file it under the accession too
            AuditLink order = links.find(assigned.orderId(), AuditLink.class);
            if (order != null && order.placedEventId() != null) {
                timeline.upsert(order.placedEventId(), new FiledUnder(List.of(key)));
            }
        } else if (payload instanceof OrderPatientReassignedEvent reassigned) {
            link(reassigned.orderId(), AuditLink.patient(reassigned.patient().toString()));
        } else if (payload instanceof InstancesReceivedEvent received && received.firstForStudy()) {
            // the patient the modality sent stays findable on the study's later events (a reconciliation
            // that moves it to another patient shows on the timeline of the patient it came from)
            String patient = EventConcerns.receivedPatient(received.attributes().patientId(),
                    received.attributes().issuerOfPatientId());
            if (patient != null) {
                link(received.studyInstanceUid(), AuditLink.received(patient));
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

    /** The accession numbers an entry is filed under, written alone onto an entry already made. */
    record FiledUnder(List<String> accessionNumbers) {
    }

    private void linkStudy(String studyInstanceUid, String orderId) {
        AuditLink order = links.find(orderId, AuditLink.class);
        if (order != null) {
            link(studyInstanceUid, order);
        }
    }

    /** A charge or delivery: the order it is for, with the order's patient and accession. */
    private void linkToOrder(String key, String orderId) {
        if (key == null || orderId == null) {
            return;
        }
        link(key, AuditLink.forOrder(links.find(orderId, AuditLink.class), orderId));
    }

    private void link(String key, AuditLink fields) {
        links.upsert(key, fields);
    }

    private static String metaData(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
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
                        .from(Math.max(0, query.page()) * size).size(size), TimelineEntry.class)
                .hits().hits().stream().map(hit -> hit.source().toAuditEntry()).toList();
    }

    private static void term(BoolQuery.Builder bool, String field, String value) {
        if (value != null && !value.isBlank()) {
            bool.filter(f -> f.term(t -> t.field(field).value(FieldValue.of(value.strip()))));
        }
    }

    private static void addText(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }

    private String text(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return String.valueOf(payload);
        }
    }
}
