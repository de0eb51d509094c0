package org.rispacs.query.interfaces;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.util.ObjectBuilder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.delivery.DeliveredEvent;
import org.rispacs.api.delivery.DeliveryAttemptedEvent;
import org.rispacs.api.delivery.DeliveryFailedEvent;
import org.rispacs.api.delivery.DeliveryScheduledEvent;
import org.rispacs.api.delivery.StorageCommitmentReportDeliveredEvent;
import org.rispacs.api.delivery.StorageCommitmentReportFailedEvent;
import org.rispacs.api.interfaces.DestinationHealth;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.api.interfaces.WorklistQueries;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.worklist.MatchingKeys;
import org.rispacs.api.worklist.WorklistQueryServedEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * Tracked outbound deliveries, one document per delivery: report versions (ORU^R01, kind REPORT)
 * and captured charges (DFT^P03, kind CHARGE), counted per destination at query time; FHIR
 * subscription notifications (kind FHIR_NOTIFICATION), counted per subscription apart from them; and the
 * storage commitment reports (DICOM) given up, counted per requester; and the alerts an operator
 * needs from them and from the studies that stay unmatched (read from the unmatched-studies read
 * model, which already holds exactly the studies unmatched and not yet matched or reconciled).
 * Modality worklist queries served are kept one document per query (so that a replay writes the
 * same ones) and counted per calling AE title and modality at query time; a query for several
 * modalities counts for each of them, with all the items it was sent. The Query/Retrieve requests
 * are counted by {@link QueryRetrieveRequestsProjection}, of the same processing group.
 */
@Component
@ProcessingGroup(InterfaceHealthProjection.PROCESSING_GROUP)
class InterfaceHealthProjection {

    static final String PROCESSING_GROUP = "interface-health";

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    static final String REPORT = "REPORT";
    static final String CHARGE = "CHARGE";
    /** A FHIR subscription's notification (rest-hook); its destination is the subscription's id. */
    static final String FHIR_NOTIFICATION = "FHIR_NOTIFICATION";
    /** A storage commitment report (DICOM N-EVENT-REPORT) given up; its destination is the requester's AE title. */
    static final String STORAGE_COMMITMENT = "STORAGE_COMMITMENT";
    private static final int MAX_DESTINATIONS = 1000;
    private static final int MAX_STATIONS = 1000;
    private static final int MAX_MODALITIES = 100;
    /** The modality of a query that named none, or only a wildcard. */
    static final String ANY_MODALITY = "*";

    private final ElasticsearchClient client;
    private final ReadModelIndex deliveries;
    private final ReadModelIndex worklistQueries;
    /** One document per finally signed report, marked once a delivery of it is scheduled anywhere. */
    private final ReadModelIndex signedReports;
    /** One document per order whose procedure a stable study completed (no MPPS, no storage commitment). */
    private final ReadModelIndex stableStudyCompletions;
    private final String unmatchedStudies;
    private final String modalityWorklist;
    private final QueryRetrieveRequestsProjection queryRetrieveRequests;

    InterfaceHealthProjection(ElasticsearchClient client, ReadModelIndexes indexes,
                              QueryRetrieveRequestsProjection queryRetrieveRequests) {
        this.client = client;
        this.queryRetrieveRequests = queryRetrieveRequests;
        this.deliveries = indexes.prepare(PROCESSING_GROUP, "report-deliveries");
        this.worklistQueries = indexes.prepare(PROCESSING_GROUP, "worklist-queries");
        this.signedReports = indexes.prepare(PROCESSING_GROUP, "signed-reports");
        this.stableStudyCompletions = indexes.prepare(PROCESSING_GROUP, "stable-study-completions");
        this.unmatchedStudies = indexes.nameOf("unmatched-studies");
        this.modalityWorklist = indexes.nameOf("modality-worklist");
    }

    @EventHandler
    void on(DeliveryScheduledEvent event, @Timestamp Instant when) throws IOException {
        switch (event.kind()) {
            case CHARGE -> chargeScheduled(event, when);
            case FHIR_NOTIFICATION -> upsert(event.deliveryId(),
                    ScheduledDelivery.ofNotification(event.deliveryId(), event.destination(), when));
            case REPORT_RESULT -> reportScheduled(event, when);
        }
    }

    private void reportScheduled(DeliveryScheduledEvent event, Instant when) throws IOException {
        String resultStatus = event.resultStatus() == null ? null : event.resultStatus().name();
        upsert(event.deliveryId(), ScheduledDelivery.ofReport(event.deliveryId(), event.orderId(),
                event.destination(), when, event.reportId(), resultStatus));
        if (event.reportId() != null) {
            signedReports.upsert(event.reportId(), new ReportDeliveryScheduled(event.reportId(), true));
        }
    }

    @EventHandler
    void on(ReportSignedEvent event, @Timestamp Instant when) {
        signedReports.upsert(event.reportId(), new SignedReport(event.reportId(), event.orderId(), when));
    }

    private void chargeScheduled(DeliveryScheduledEvent event, Instant when) throws IOException {
        upsert(event.deliveryId(), ScheduledDelivery.ofCharge(event.deliveryId(), event.orderId(),
                event.destination(), when, event.chargeId()));
    }

    @EventHandler
    void on(DeliveryAttemptedEvent event, @Timestamp Instant when) throws IOException {
        if (event.acknowledged()) {
            upsert(event.deliveryId(), new DeliveryAttempt(event.attempt(), event.ackCode()));
        } else {
            String error = event.error() != null ? event.error() : "acknowledged " + event.ackCode();
            upsert(event.deliveryId(), new FailedDeliveryAttempt(event.attempt(), event.ackCode(), error, when));
        }
    }

    @EventHandler
    void on(DeliveredEvent event, @Timestamp Instant when) throws IOException {
        upsert(event.deliveryId(), new CompletedDelivery(DELIVERED, event.ackCode() == null ? "" : event.ackCode(),
                when));
    }

    @EventHandler
    void on(DeliveryFailedEvent event, @Timestamp Instant when) throws IOException {
        upsert(event.deliveryId(), new FailedDelivery(FAILED, event.attempts(), event.lastError(), when, when));
    }

    @EventHandler
    void on(WorklistQueryServedEvent event, EventMessage<?> message) {
        worklistQueries.put(message.getIdentifier(), new ServedWorklistQuery(event.callingAeTitle(),
                modalitiesAskedFor(event.modality()), event.scheduledStationAeTitle(), event.matches(),
                message.getTimestamp()));
    }

    /** A query for {@code MR\US} is one for MR and one for US, as the worklist matches it. */
    static List<String> modalitiesAskedFor(String modality) {
        if (MatchingKeys.isUniversal(modality)) {
            return List.of(ANY_MODALITY);
        }
        return MatchingKeys.alternatives(modality).stream().map(code -> code.toUpperCase(Locale.ROOT)).distinct()
                .toList();
    }

    /** Only given-up reports are events (the DICOM edge keeps the pending ones), so each document is a failure. */
    @EventHandler
    void on(StorageCommitmentReportFailedEvent event, @Timestamp Instant when) throws IOException {
        String deliveryId = "storage-commitment/" + event.transactionUid();
        String error = "storage commitment " + event.transactionUid() + " (" + event.committed() + " committed, "
                + event.failed() + " failed): " + event.lastError();
        upsert(deliveryId, new GivenUpStorageCommitmentReport(deliveryId, null, event.requesterAeTitle(),
                STORAGE_COMMITMENT, FAILED, event.attempts(), when, event.transactionUid(), error, when, when));
    }

    /** A given-up report sent again and delivered: no longer a failure anyone has to act on. */
    @EventHandler
    void on(StorageCommitmentReportDeliveredEvent event) {
        deliveries.delete("storage-commitment/" + event.transactionUid());
    }

    @EventHandler
    void on(ProcedureStepCompletedEvent event, @Timestamp Instant when) {
        if (event.source() == CompletionSource.STUDY_STABLE) {
            stableStudyCompletions.put(event.orderId(), new StableStudyCompletion(event.orderId(), when));
        }
    }

    @ResetHandler
    void reset() {
        stableStudyCompletions.recreate();
        deliveries.recreate();
        worklistQueries.recreate();
        signedReports.recreate();
    }

    @QueryHandler
    InterfaceHealth handle(FindInterfaceHealthQuery query) throws IOException {
        Instant now = query.now() != null ? query.now() : Instant.now();
        String overdueBefore = now.minus(query.unackedAlertAfter()).toString();
        var response = client.search(s -> s.index(deliveries.name()).size(0)
                .aggregations("hl7", a -> a.filter(q -> q.bool(b -> b.mustNot(n -> n.terms(t -> t.field("kind")
                                .terms(v -> v.value(List.of(FieldValue.of(STORAGE_COMMITMENT),
                                        FieldValue.of(FHIR_NOTIFICATION))))))))
                        .aggregations("destinations", perDestination(overdueBefore)))
                .aggregations("notifications", a -> a.filter(q -> q.term(t -> t.field("kind").value(FHIR_NOTIFICATION)))
                        .aggregations("destinations", perDestination(overdueBefore)))
                .aggregations("commitments", a -> a.filter(q -> q.term(t -> t.field("kind").value(STORAGE_COMMITMENT)))
                        .aggregations("destinations", perDestination(overdueBefore))),
                Void.class);
        List<DestinationHealth> destinations = new ArrayList<>();
        List<InterfaceAlert> alerts = new ArrayList<>();
        for (StringTermsBucket bucket : buckets(response.aggregations().get("hl7"))) {
            DestinationHealth health = destination(bucket);
            destinations.add(health);
            if (health.failed() > 0) {
                alerts.add(new InterfaceAlert(InterfaceAlert.DELIVERY_FAILED, health.destination(), health.failed(),
                        health.failed() + " deliveries to " + health.destination() + " failed; last error: "
                                + health.lastError()));
            }
            if (health.unackedOverdue() > 0) {
                alerts.add(new InterfaceAlert(InterfaceAlert.DELIVERY_UNACKED, health.destination(),
                        health.unackedOverdue(), health.unackedOverdue() + " deliveries to "
                        + health.destination() + " unacknowledged for more than "
                        + readable(query.unackedAlertAfter())));
            }
        }
        List<DestinationHealth> subscriptions = new ArrayList<>();
        for (StringTermsBucket bucket : buckets(response.aggregations().get("notifications"))) {
            DestinationHealth health = destination(bucket);
            subscriptions.add(health);
            if (health.failed() > 0) {
                alerts.add(new InterfaceAlert(InterfaceAlert.DELIVERY_FAILED, health.destination(), health.failed(),
                        health.failed() + " notifications to FHIR subscription " + health.destination()
                                + " failed; last error: " + health.lastError()));
            }
            if (health.unackedOverdue() > 0) {
                alerts.add(new InterfaceAlert(InterfaceAlert.DELIVERY_UNACKED, health.destination(),
                        health.unackedOverdue(), health.unackedOverdue() + " notifications to FHIR subscription "
                        + health.destination() + " not accepted for more than " + readable(query.unackedAlertAfter())));
            }
        }
        List<DestinationHealth> requesters = new ArrayList<>();
        for (StringTermsBucket bucket : buckets(response.aggregations().get("commitments"))) {
            DestinationHealth health = destination(bucket);
            requesters.add(health);
            alerts.add(new InterfaceAlert(InterfaceAlert.STORAGE_COMMITMENT_REPORT_FAILED, health.destination(),
                    health.failed(), health.failed() + " storage commitment reports to " + health.destination()
                    + " were given up; last error: " + health.lastError()));
        }
        long unmatched = unmatchedSince(now.minus(query.unmatchedWindow()));
        if (query.unmatchedAlertAt() > 0 && unmatched >= query.unmatchedAlertAt()) {
            alerts.add(new InterfaceAlert(InterfaceAlert.UNMATCHED_STUDIES, null, unmatched, unmatched
                    + " studies unmatched within the last " + readable(query.unmatchedWindow())
                    + " await reconciliation"));
        }
        alerts.addAll(unscheduledOrders());
        alerts.addAll(reportsNotDelivered(query.reportDestinations(), overdueBefore));
        long completedByStableStudy = client.count(c -> c.index(stableStudyCompletions.name())).count();
        return new InterfaceHealth(now, destinations, requesters, unmatched, worklistQueriesServed(),
                queryRetrieveRequests.perCallingAeTitle(), alerts, completedByStableStudy, subscriptions);
    }

    /**
     * Orders placed but on no modality worklist (read from the worklist read model, where they are
     * PLACED): their placer gave no requested start, so the patient may arrive at a scanner whose
     * worklist is empty. One alert per modality.
     */
    private List<InterfaceAlert> unscheduledOrders() throws IOException {
        var response = client.search(s -> s.index(modalityWorklist).ignoreUnavailable(true).size(0)
                .query(q -> q.term(t -> t.field("status").value("PLACED")))
                .aggregations("modalities", a -> a.terms(t -> t.field("modality").size(MAX_MODALITIES))),
                Void.class);
        if (response.aggregations().get("modalities") == null) {
            return List.of();
        }
        List<InterfaceAlert> alerts = new ArrayList<>();
        for (StringTermsBucket modality : response.aggregations().get("modalities").sterms().buckets().array()) {
            String name = modality.key().stringValue();
            alerts.add(new InterfaceAlert(InterfaceAlert.ORDERS_NOT_SCHEDULED, name, modality.docCount(),
                    modality.docCount() + " " + name + " order(s) placed without a requested start are on no"
                            + " modality worklist: schedule them (Scheduling), or have the placer send TQ1-7 /"
                            + " ORC-7.4"));
        }
        return alerts;
    }

    /**
     * Signed reports that no delivery was scheduled for. Without any destination configured each
     * is one, at once; with destinations, only those still without a delivery after the unacked
     * threshold (signed before a destination was configured, or a process manager that is stuck).
     */
    private List<InterfaceAlert> reportsNotDelivered(List<String> destinations, String overdueBefore)
            throws IOException {
        boolean noDestination = destinations != null && destinations.isEmpty();
        long count = client.count(c -> c.index(signedReports.name()).query(q -> q.bool(b -> {
            b.filter(f -> f.exists(e -> e.field("signedAt")))
                    .mustNot(n -> n.term(t -> t.field("deliveryScheduled").value(true)));
            if (!noDestination) {
                b.filter(f -> f.range(r -> r.date(d -> d.field("signedAt").lt(overdueBefore))));
            }
            return b;
        }))).count();
        if (count == 0) {
            return List.of();
        }
        String message = noDestination
                ? count + " signed report(s) are delivered nowhere: no report destination is configured"
                        + " (ris.workflow.report-destinations)"
                : count + " signed report(s) have no delivery scheduled to any destination";
        return List.of(new InterfaceAlert(InterfaceAlert.REPORTS_NOT_DELIVERED, null, count, message));
    }

    private List<WorklistQueries> worklistQueriesServed() throws IOException {
        var response = client.search(s -> s.index(worklistQueries.name()).size(0)
                .aggregations("stations", a -> a.terms(t -> t.field("callingAeTitle").size(MAX_STATIONS))
                        .aggregations("modalities", m -> m.terms(t -> t.field("modality").size(MAX_MODALITIES))
                                .aggregations("items", sub -> sub.sum(f -> f.field("matches")))
                                .aggregations("last", sub -> sub.max(f -> f.field("servedAt"))))),
                Void.class);
        List<WorklistQueries> served = new ArrayList<>();
        for (StringTermsBucket station : response.aggregations().get("stations").sterms().buckets().array()) {
            for (StringTermsBucket modality : station.aggregations().get("modalities").sterms().buckets().array()) {
                double last = modality.aggregations().get("last").max().value();
                served.add(new WorklistQueries(station.key().stringValue(), modality.key().stringValue(),
                        modality.docCount(), Math.round(modality.aggregations().get("items").sum().value()),
                        Double.isFinite(last) ? Instant.ofEpochMilli((long) last) : null));
            }
        }
        return served;
    }

    /** Per destination: its deliveries by status, attempts, the overdue ones, the latest error. */
    private static Function<Aggregation.Builder, ObjectBuilder<Aggregation>> perDestination(String overdueBefore) {
        return a -> a.terms(t -> t.field("destination").size(MAX_DESTINATIONS))
                .aggregations("statuses", sub -> sub.terms(t -> t.field("status")))
                .aggregations("attempts", sub -> sub.sum(m -> m.field("attempts")))
                .aggregations("overdue", sub -> sub.filter(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("status").value(PENDING)))
                        .filter(f -> f.range(r -> r.date(d -> d.field("scheduledAt").lt(overdueBefore)))))))
                .aggregations("errors", sub -> sub.filter(q -> q.exists(e -> e.field("lastErrorAt")))
                        .aggregations("latest", latest -> latest.topHits(h -> h.size(1)
                                .sort(o -> o.field(f -> f.field("lastErrorAt").order(SortOrder.Desc)))
                                .source(src -> src.filter(f -> f.includes("lastError", "lastErrorAt"))))));
    }

    private static List<StringTermsBucket> buckets(Aggregate filtered) {
        return filtered.filter().aggregations().get("destinations").sterms().buckets().array();
    }

    private static DestinationHealth destination(StringTermsBucket bucket) {
        Map<String, Aggregate> sub = bucket.aggregations();
        Map<String, Long> byStatus = new HashMap<>();
        for (StringTermsBucket status : sub.get("statuses").sterms().buckets().array()) {
            byStatus.put(status.key().stringValue(), status.docCount());
        }
        String lastError = null;
        Instant lastErrorAt = null;
        List<Hit<JsonData>> latest = sub.get("errors").filter().aggregations().get("latest").topHits().hits().hits();
        if (!latest.isEmpty() && latest.get(0).source() != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = latest.get(0).source().to(Map.class);
            lastError = (String) error.get("lastError");
            lastErrorAt = error.get("lastErrorAt") == null ? null : Instant.parse(error.get("lastErrorAt").toString());
        }
        return new DestinationHealth(bucket.key().stringValue(), byStatus.getOrDefault(PENDING, 0L),
                byStatus.getOrDefault(DELIVERED, 0L), byStatus.getOrDefault(FAILED, 0L),
                sub.get("overdue").filter().docCount(), Math.round(sub.get("attempts").sum().value()),
                lastError, lastErrorAt);
    }

    private long unmatchedSince(Instant since) throws IOException {
        return client.count(c -> c.index(unmatchedStudies).ignoreUnavailable(true)
                .query(q -> q.range(r -> r.date(d -> d.field("since").gte(since.toString()))))).count();
    }

    private void upsert(String deliveryId, Record fields) {
        deliveries.upsert(deliveryId, fields);
    }

    /** A duration as people write it in an alert: "24 h", "90 min", "30 s". */
    static String readable(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " h";
        }
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
