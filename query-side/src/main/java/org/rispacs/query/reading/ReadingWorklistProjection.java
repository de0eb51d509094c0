package org.rispacs.query.reading;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonNames;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.FindReadingWorklistPageQuery;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.ReadingWorklistPage;
import org.rispacs.api.reading.ReadingWorklistSort;
import org.rispacs.api.reading.ReportStatus;
import org.rispacs.api.reading.WatchReadingWorklistQuery;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyStableEvent;
import org.rispacs.query.elasticsearch.PatientOrders;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The radiologists' reading worklist: one document per order, ready once its procedure step is
 * completed, its study linked to it (matched or reconciled) and that study fully committed — the
 * three facts may arrive in any order. Two helper indices answer by id (real-time, so never
 * waiting for a refresh): which order a study or report belongs to and whether a study was
 * committed before it was linked ({@code reading-links}), and the patients' names
 * ({@code reading-patients}), kept in the same processing group as the orders they are copied into.
 */
@Component
@ProcessingGroup(ReadingWorklistProjection.PROCESSING_GROUP)
class ReadingWorklistProjection {

    static final String PROCESSING_GROUP = "reading-worklist";
    private static final List<ReportStatus> TO_READ = List.of(ReportStatus.NONE, ReportStatus.DRAFT,
            ReportStatus.PRELIMINARY);
    private static final List<OrderPriority> URGENCY = List.of(OrderPriority.STAT, OrderPriority.HIGH,
            OrderPriority.MEDIUM, OrderPriority.ROUTINE, OrderPriority.LOW);
    private static final int MAX_PAGE = 500;
    private static final int MAX_PRIORS = 1000;

    private final ElasticsearchClient client;
    private final ReadModelIndex worklist;
    private final ReadModelIndex patients;
    private final ReadModelIndex links;
    private final QueryUpdateEmitter updates;

    ReadingWorklistProjection(ElasticsearchClient client, ReadModelIndexes indexes, QueryUpdateEmitter updates) {
        this.client = client;
        this.updates = updates;
        this.worklist = indexes.prepare(PROCESSING_GROUP, "reading-worklist");
        this.patients = indexes.prepare(PROCESSING_GROUP, "reading-patients");
        this.links = indexes.prepare(PROCESSING_GROUP, "reading-links");
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
        Map<String, Object> name = new HashMap<>();
        name.put("patientName", PersonNames.toDicom(demographics.name()));
        upsert(patients, patient.toString(), name);
        for (String orderId : PatientOrders.of(patients, patient)) {
            Map<String, Object> order = find(worklist, orderId);
            if (order != null && patient.toString().equals(order.get("patientKey"))) {
                upsert(worklist, orderId, name);
            }
        }
    }

    @EventHandler
    void on(OrderPlacedEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>(patientFields(event.patient()));
        fields.put("orderId", event.orderId());
        fields.put("modality", event.modality());
        fields.putAll(procedureFields(event.procedure().code(), event.procedure().meaning(), event.priority()));
        fields.put("reportStatus", ReportStatus.NONE.name());
        upsert(worklist, event.orderId(), fields);
        PatientOrders.add(patients, event.patient(), event.orderId());
    }

    @EventHandler
    void on(AccessionAssignedEvent event) throws IOException {
        upsert(worklist, event.orderId(), Map.of("accessionNumber", event.accessionNumber()));
    }

    @EventHandler
    void on(OrderUpdatedEvent event) throws IOException {
        upsert(worklist, event.orderId(),
                procedureFields(event.procedure().code(), event.procedure().meaning(), event.priority()));
        changed(event.orderId());
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event) throws IOException {
        upsert(worklist, event.orderId(), patientFields(event.patient()));
        PatientOrders.add(patients, event.patient(), event.orderId());
    }

    @EventHandler
    void on(StudyPatientReassignedEvent event) throws IOException {
        Map<String, Object> link = find(links, studyLink(event.studyInstanceUid()));
        if (link != null && link.get("orderId") != null) {
            upsert(worklist, (String) link.get("orderId"), patientFields(event.patient()));
        }
    }

    @EventHandler
    void on(ProcedureStepCompletedEvent event, @Timestamp Instant when) throws IOException {
        updateOrder(event.orderId(), Map.of("completed", true), when);
    }

    @EventHandler
    void on(StudyMatchedToOrderEvent event, @Timestamp Instant when) throws IOException {
        studyLinked(event.studyInstanceUid(), event.orderId(), event.committed(), when);
    }

    @EventHandler
    void on(StudyReconciledEvent event, @Timestamp Instant when) throws IOException {
        if (event.mode() == StudyLinkMode.ADDITIONAL_STUDY) {
            upsert(links, studyLink(event.studyInstanceUid()), Map.of("orderId", event.orderId(), "additional", true));
            Map<String, Object> order = find(worklist, event.orderId());
            List<Object> additional = new ArrayList<>();
            if (order != null && order.get("additionalStudyUids") instanceof List<?> known) {
                additional.addAll(known);
            }
            additional.add(event.studyInstanceUid());
            upsert(worklist, event.orderId(), Map.of("additionalStudyUids", additional));
            changed(event.orderId());
            return;
        }
        studyLinked(event.studyInstanceUid(), event.orderId(), event.committed(), when);
    }

    /**
     * A replaced study leaves the order; what was read on it must be looked at again, so the order
     * says why until a report is signed or addended after it.
     */
    @EventHandler
    void on(StudyDetachedFromOrderEvent event) throws IOException {
        links.delete(studyLink(event.studyInstanceUid()));
        Map<String, Object> fields = new HashMap<>();
        fields.put("committed", false);
        fields.put("reviewReason", "Study " + event.studyInstanceUid() + " was replaced by study "
                + event.replacedBy() + " (" + event.detachedBy() + ": " + event.reason()
                + "); a report written on it must be reviewed.");
        upsert(worklist, event.orderId(), fields);
        changed(event.orderId());
    }

    private void studyLinked(String studyInstanceUid, String orderId, boolean committedWhenLinked, Instant when)
            throws IOException {
        Map<String, Object> known = find(links, studyLink(studyInstanceUid));
        boolean committed = committedWhenLinked || known != null && Boolean.TRUE.equals(known.get("committed"));
        Map<String, Object> link = new HashMap<>();
        link.put("orderId", orderId);
        link.put("committed", committed);
        upsert(links, studyLink(studyInstanceUid), link);
        Map<String, Object> fields = new HashMap<>();
        fields.put("studyInstanceUid", studyInstanceUid);
        fields.put("linked", true);
        fields.put("committed", committed);
        updateOrder(orderId, fields, when);
    }

    @EventHandler
    void on(StorageCommittedEvent event, @Timestamp Instant when) throws IOException {
        if (event.studyComplete()) {
            studyArchived(event.studyInstanceUid(), when);
        }
    }

    /** From a station that asks no storage commitment, a study that stopped growing is the archived one. */
    @EventHandler
    void on(StudyStableEvent event, @Timestamp Instant when) throws IOException {
        studyArchived(event.studyInstanceUid(), when);
    }

    private void studyArchived(String studyInstanceUid, Instant when) throws IOException {
        Map<String, Object> link = find(links, studyLink(studyInstanceUid));
        upsert(links, studyLink(studyInstanceUid), Map.of("committed", true));
        if (link != null && link.get("orderId") != null) {
            updateOrder((String) link.get("orderId"), Map.of("committed", true), when);
        }
    }

    /**
     * Writes {@code changes} to the order, and makes it ready to read when they complete the
     * three facts readiness needs: one lookup and one write, as a worklist client waits on it.
     */
    private void updateOrder(String orderId, Map<String, Object> changes, Instant when) throws IOException {
        Map<String, Object> order = find(worklist, orderId);
        Map<String, Object> merged = new HashMap<>(order == null ? Map.of() : order);
        merged.putAll(changes);
        Map<String, Object> fields = new HashMap<>(changes);
        if (isTrue(merged, "completed") && isTrue(merged, "linked") && isTrue(merged, "committed")
                && !isTrue(merged, "ready")) {
            fields.put("ready", true);
            fields.put("waitingSince", when.toString());
            changed(orderId);
        }
        upsert(worklist, orderId, fields);
    }

    /**
     * Radiologists' open lists are told of the change: searchable at the batch's end (refresh),
     * and the subscribers' update goes out after the batch commits, so after that refresh.
     */
    private void changed(String orderId) {
        worklist.refreshAfterBatch();
        updates.emit(WatchReadingWorklistQuery.class, watch -> true, orderId);
    }

    @EventHandler
    void on(ReportDraftedEvent event) throws IOException {
        upsert(links, reportLink(event.reportId()), Map.of("orderId", event.orderId()));
        upsert(worklist, event.orderId(), Map.of("reportId", event.reportId(),
                "reportStatus", ReportStatus.DRAFT.name()));
        changed(event.orderId());
    }

    @EventHandler
    void on(ReportSignedPreliminaryEvent event) throws IOException {
        Map<String, Object> link = find(links, reportLink(event.reportId()));
        if (link != null) {
            upsert(worklist, (String) link.get("orderId"), Map.of("reportStatus", ReportStatus.PRELIMINARY.name()));
            changed((String) link.get("orderId"));
        }
    }

    @EventHandler
    void on(ReportSignedEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("reportId", event.reportId());
        fields.put("reportStatus", ReportStatus.FINAL.name());
        fields.put("reviewReason", null);
        upsert(worklist, event.orderId(), fields);
        changed(event.orderId());
    }

    /** An addendum is the review a replaced study asked for. */
    @EventHandler
    void on(ReportAddendedEvent event) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("reviewReason", null);
        upsert(worklist, event.orderId(), fields);
        changed(event.orderId());
    }

    @ResetHandler
    void reset() {
        worklist.recreate();
        patients.recreate();
        links.recreate();
    }

    @QueryHandler
    String handle(WatchReadingWorklistQuery query) {
        return "watching";
    }

    @QueryHandler
    List<ReadingWorklistItem> handle(FindReadingWorklistQuery query) throws IOException {
        return page(query).items();
    }

    @QueryHandler
    ReadingWorklistPage handle(FindReadingWorklistPageQuery query) throws IOException {
        return page(query.criteria());
    }

    private ReadingWorklistPage page(FindReadingWorklistQuery query) throws IOException {
        int size = Math.max(1, Math.min(query.size(), MAX_PAGE));
        BoolQuery.Builder filter = new BoolQuery.Builder();
        filter.filter(f -> f.term(t -> t.field("ready").value(true)));
        anyOf(filter, "modality", query.modalities());
        anyOf(filter, "priority", names(query.priorities()));
        if (isEmpty(query.reportStatuses())) {
            // to read: not signed final yet, or signed on a study that was since replaced
            List<FieldValue> toRead = TO_READ.stream().map(status -> FieldValue.of(status.name())).toList();
            filter.filter(f -> f.bool(either -> either.minimumShouldMatch("1")
                    .should(s -> s.terms(t -> t.field("reportStatus").terms(v -> v.value(toRead))))
                    .should(s -> s.exists(e -> e.field("reviewReason")))));
        } else {
            anyOf(filter, "reportStatus", names(query.reportStatuses()));
        }
        SearchRequest.Builder search = new SearchRequest.Builder().index(worklist.name())
                .query(filter.build()._toQuery()).from(Math.max(0, query.page()) * size).size(size)
                .trackTotalHits(total -> total.enabled(true));
        ReadingWorklistSort sort = query.sort() == null ? ReadingWorklistSort.PRIORITY : query.sort();
        if (sort == ReadingWorklistSort.PRIORITY) {
            search.sort(o -> o.field(f -> f.field("priorityRank").order(SortOrder.Asc)));
        }
        SortOrder byWaiting = sort == ReadingWorklistSort.NEWEST ? SortOrder.Desc : SortOrder.Asc;
        search.sort(o -> o.field(f -> f.field("waitingSince").order(byWaiting)));
        search.sort(o -> o.field(f -> f.field("orderId").order(SortOrder.Asc)));
        var hits = client.search(search.build(), Map.class).hits();
        List<Map<String, Object>> page = sources(hits.hits());
        Map<String, List<Map<String, Object>>> priors = studiesOfPatients(page);
        List<ReadingWorklistItem> items = new ArrayList<>();
        for (Map<String, Object> order : page) {
            List<String> priorUids = priors.getOrDefault((String) order.get("patientKey"), List.of()).stream()
                    .filter(other -> !other.get("orderId").equals(order.get("orderId")))
                    .map(other -> (String) other.get("studyInstanceUid")).toList();
            items.add(item(order, priorUids));
        }
        long total = hits.total() == null ? items.size() : hits.total().value();
        return new ReadingWorklistPage(items, total, Math.max(0, query.page()), size);
    }

    @QueryHandler
    Optional<ReadingWorklistItem> handle(FindReadingWorklistItemQuery query) throws IOException {
        Map<String, Object> order = find(worklist, query.orderId());
        if (order == null) {
            return Optional.empty();
        }
        List<String> priors = studiesOfPatients(List.of(order)).getOrDefault((String) order.get("patientKey"),
                List.of()).stream().filter(other -> !query.orderId().equals(other.get("orderId")))
                .map(other -> (String) other.get("studyInstanceUid")).toList();
        return Optional.of(item(order, priors));
    }

    /** The ready or read studies of the page's patients, newest first: one search, not one per row. */
    private Map<String, List<Map<String, Object>>> studiesOfPatients(List<Map<String, Object>> page)
            throws IOException {
        List<FieldValue> keys = page.stream().map(order -> (String) order.get("patientKey"))
                .filter(key -> key != null).distinct().map(FieldValue::of).toList();
        Map<String, List<Map<String, Object>>> byPatient = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return byPatient;
        }
        var hits = client.search(s -> s.index(worklist.name()).size(MAX_PRIORS)
                .source(src -> src.filter(f -> f.includes("orderId", "patientKey", "studyInstanceUid")))
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("ready").value(true)))
                        .filter(f -> f.terms(t -> t.field("patientKey").terms(v -> v.value(keys))))))
                .sort(o -> o.field(f -> f.field("waitingSince").order(SortOrder.Desc))), Map.class).hits().hits();
        for (Map<String, Object> study : sources(hits)) {
            byPatient.computeIfAbsent((String) study.get("patientKey"), key -> new ArrayList<>()).add(study);
        }
        return byPatient;
    }

    private static ReadingWorklistItem item(Map<String, Object> order, List<String> priors) {
        Object waitingSince = order.get("waitingSince");
        Object priority = order.get("priority");
        Object reportStatus = order.get("reportStatus");
        List<?> additional = order.get("additionalStudyUids") instanceof List<?> uids ? uids : null;
        return new ReadingWorklistItem((String) order.get("orderId"), (String) order.get("accessionNumber"),
                (String) order.get("studyInstanceUid"), (String) order.get("patientId"),
                (String) order.get("issuerOfPatientId"), (String) order.get("patientName"),
                (String) order.get("modality"), (String) order.get("procedureCode"),
                (String) order.get("procedureDescription"),
                priority == null ? null : OrderPriority.valueOf(priority.toString()),
                waitingSince == null ? null : Instant.parse(waitingSince.toString()),
                reportStatus == null ? ReportStatus.NONE : ReportStatus.valueOf(reportStatus.toString()),
                (String) order.get("reportId"), (String) order.get("assignedRadiologist"), priors,
                additional == null ? List.of() : additional.stream().map(Object::toString).toList(),
                (String) order.get("reviewReason"));
    }

    private Map<String, Object> patientFields(PatientIdentifier patient) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("patientKey", patient.toString());
        fields.put("patientId", patient.id());
        fields.put("issuerOfPatientId", patient.issuer());
        Map<String, Object> known = find(patients, patient.toString());
        fields.put("patientName", known == null ? null : known.get("patientName"));
        return fields;
    }

    private static Map<String, Object> procedureFields(String code, String description, OrderPriority priority) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("procedureCode", code);
        fields.put("procedureDescription", description);
        fields.put("priority", priority.name());
        fields.put("priorityRank", URGENCY.indexOf(priority));
        return fields;
    }

    private static String studyLink(String studyInstanceUid) {
        return "study:" + studyInstanceUid;
    }

    private static String reportLink(String reportId) {
        return "report:" + reportId;
    }

    private static boolean isTrue(Map<String, Object> document, String field) {
        return Boolean.TRUE.equals(document.get(field));
    }

    private static boolean isEmpty(List<?> values) {
        return values == null || values.isEmpty();
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values == null ? null : values.stream().map(Enum::name).toList();
    }

    private static void anyOf(BoolQuery.Builder bool, String field, List<String> values) {
        if (!isEmpty(values)) {
            List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
            bool.filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(terms))));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sources(List<Hit<Map>> hits) {
        return hits.stream().map(hit -> (Map<String, Object>) hit.source()).toList();
    }

    private static Map<String, Object> find(ReadModelIndex index, String id) {
        return index.find(id);
    }

    private static void upsert(ReadModelIndex index, String id, Map<String, Object> fields) {
        index.upsert(id, fields);
    }
}
