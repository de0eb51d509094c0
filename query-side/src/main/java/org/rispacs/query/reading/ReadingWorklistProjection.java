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
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.order.StudyLinkMode;
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
    void on(PatientRegisteredEvent event) {
        demographicsChanged(event.patient(), event.demographics());
    }

    @EventHandler
    void on(PatientDemographicsUpdatedEvent event) {
        demographicsChanged(event.patient(), event.demographics());
    }

    private void demographicsChanged(PatientIdentifier patient, Demographics demographics) {
        PatientName name = new PatientName(PersonNames.toDicom(demographics.name()));
        patients.upsert(patient.toString(), name);
        for (String orderId : PatientOrders.of(patients, patient)) {
            ReadingOrder order = worklist.find(orderId, ReadingOrder.class);
            if (order != null && patient.toString().equals(order.patientKey())) {
                worklist.upsert(orderId, name);
            }
        }
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        worklist.upsert(event.orderId(), patient(event.patient()));
        worklist.upsert(event.orderId(), new ReadingOrderPlaced(event.orderId(), event.modality(),
                ReportStatus.NONE));
        worklist.upsert(event.orderId(), ReadingProcedure.of(event.procedure().code(), event.procedure().meaning(),
                event.priority()));
        PatientOrders.add(patients, event.patient(), event.orderId());
    }

    @EventHandler
    void on(AccessionAssignedEvent event) {
        worklist.upsert(event.orderId(), new ReadingAccession(event.accessionNumber()));
    }

    @EventHandler
    void on(OrderUpdatedEvent event) {
        worklist.upsert(event.orderId(), ReadingProcedure.of(event.procedure().code(), event.procedure().meaning(),
                event.priority()));
        changed(event.orderId());
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event) {
        worklist.upsert(event.orderId(), patient(event.patient()));
        PatientOrders.add(patients, event.patient(), event.orderId());
    }

    @EventHandler
    void on(StudyPatientReassignedEvent event) {
        ReadingLink link = links.find(studyLink(event.studyInstanceUid()), ReadingLink.class);
        if (link != null && link.orderId() != null) {
            worklist.upsert(link.orderId(), patient(event.patient()));
        }
    }

    @EventHandler
    void on(ProcedureStepCompletedEvent event, @Timestamp Instant when) {
        updateOrder(event.orderId(), ReadingProgress.stepCompleted(), when);
    }

    @EventHandler
    void on(StudyMatchedToOrderEvent event, @Timestamp Instant when) {
        studyLinked(event.studyInstanceUid(), event.orderId(), event.committed(), when);
    }

    @EventHandler
    void on(StudyReconciledEvent event, @Timestamp Instant when) {
        if (event.mode() == StudyLinkMode.ADDITIONAL_STUDY) {
            links.upsert(studyLink(event.studyInstanceUid()), new ReadingLink(event.orderId(), null, true));
            ReadingOrder order = worklist.find(event.orderId(), ReadingOrder.class);
            List<String> additional = new ArrayList<>();
            if (order != null && order.additionalStudyUids() != null) {
                additional.addAll(order.additionalStudyUids());
            }
            if (!additional.contains(event.studyInstanceUid())) {
                additional.add(event.studyInstanceUid());
            }
            worklist.upsert(event.orderId(), new AdditionalStudies(additional));
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
    void on(StudyDetachedFromOrderEvent event) {
        links.delete(studyLink(event.studyInstanceUid()));
        worklist.upsert(event.orderId(), ReadingProgress.studyCommitted(false));
        worklist.upsert(event.orderId(), new ReadingReview("Study " + event.studyInstanceUid()
                + " was replaced by study " + event.replacedBy() + " (" + event.detachedBy() + ": " + event.reason()
                + "); a report written on it must be reviewed."));
        changed(event.orderId());
    }

    private void studyLinked(String studyInstanceUid, String orderId, boolean committedWhenLinked, Instant when) {
        ReadingLink known = links.find(studyLink(studyInstanceUid), ReadingLink.class);
        boolean committed = committedWhenLinked || known != null && Boolean.TRUE.equals(known.committed());
        links.upsert(studyLink(studyInstanceUid), new ReadingLink(orderId, committed, null));
        updateOrder(orderId, ReadingProgress.studyLinked(studyInstanceUid, committed), when);
    }

    @EventHandler
    void on(StorageCommittedEvent event, @Timestamp Instant when) {
        if (event.studyComplete()) {
            studyArchived(event.studyInstanceUid(), when);
        }
    }

    /** From a station that asks no storage commitment, a study that stopped growing is the archived one. */
    @EventHandler
    void on(StudyStableEvent event, @Timestamp Instant when) {
        studyArchived(event.studyInstanceUid(), when);
    }

    private void studyArchived(String studyInstanceUid, Instant when) {
        ReadingLink link = links.find(studyLink(studyInstanceUid), ReadingLink.class);
        links.upsert(studyLink(studyInstanceUid), new ReadingLink(null, true, null));
        if (link != null && link.orderId() != null) {
            updateOrder(link.orderId(), ReadingProgress.studyCommitted(true), when);
        }
    }

    /**
     * Writes {@code progress} to the order, and makes it ready to read when it completes the
     * three facts readiness needs: one lookup and one write, as a worklist client waits on it.
     */
    private void updateOrder(String orderId, ReadingProgress progress, Instant when) {
        ReadingOrder order = worklist.find(orderId, ReadingOrder.class);
        if (progress.makeReady(order)) {
            progress = progress.readySince(when);
            changed(orderId);
        }
        worklist.upsert(orderId, progress);
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
    void on(ReportDraftedEvent event) {
        links.upsert(reportLink(event.reportId()), ReadingLink.toOrder(event.orderId()));
        worklist.upsert(event.orderId(), new ReadingReport(event.reportId(), ReportStatus.DRAFT));
        changed(event.orderId());
    }

    @EventHandler
    void on(ReportSignedPreliminaryEvent event) {
        ReadingLink link = links.find(reportLink(event.reportId()), ReadingLink.class);
        if (link != null) {
            worklist.upsert(link.orderId(), new ReadingReport(null, ReportStatus.PRELIMINARY));
            changed(link.orderId());
        }
    }

    @EventHandler
    void on(ReportSignedEvent event) {
        worklist.upsert(event.orderId(), new ReadingReport(event.reportId(), ReportStatus.FINAL));
        worklist.upsert(event.orderId(), new ReadingReview(null));
        changed(event.orderId());
    }

    /** An addendum is the review a replaced study asked for. */
    @EventHandler
    void on(ReportAddendedEvent event) {
        worklist.upsert(event.orderId(), new ReadingReview(null));
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
        var hits = client.search(search.build(), ReadingOrder.class).hits();
        List<ReadingOrder> page = hits.hits().stream().map(Hit::source).toList();
        Map<String, List<ReadingOrder>> priors = studiesOfPatients(page);
        List<ReadingWorklistItem> items = new ArrayList<>();
        for (ReadingOrder order : page) {
            items.add(order.item(priorStudyUids(priors, order)));
        }
        long total = hits.total() == null ? items.size() : hits.total().value();
        return new ReadingWorklistPage(items, total, Math.max(0, query.page()), size);
    }

    @QueryHandler
    Optional<ReadingWorklistItem> handle(FindReadingWorklistItemQuery query) throws IOException {
        ReadingOrder order = worklist.find(query.orderId(), ReadingOrder.class);
        if (order == null) {
            return Optional.empty();
        }
        return Optional.of(order.item(priorStudyUids(studiesOfPatients(List.of(order)), order)));
    }

    /** The studies of the order's patient read or to read on their other orders, newest first. */
    private static List<String> priorStudyUids(Map<String, List<ReadingOrder>> byPatient, ReadingOrder order) {
        return byPatient.getOrDefault(order.patientKey(), List.of()).stream()
                .filter(other -> !other.orderId().equals(order.orderId()))
                .map(ReadingOrder::studyInstanceUid).toList();
    }

    /** The ready or read studies of the page's patients, newest first: one search, not one per row. */
    private Map<String, List<ReadingOrder>> studiesOfPatients(List<ReadingOrder> page) throws IOException {
        List<FieldValue> keys = page.stream().map(ReadingOrder::patientKey)
                .filter(key -> key != null).distinct().map(FieldValue::of).toList();
        Map<String, List<ReadingOrder>> byPatient = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return byPatient;
        }
        var hits = client.search(s -> s.index(worklist.name()).size(MAX_PRIORS)
                .source(src -> src.filter(f -> f.includes("orderId", "patientKey", "studyInstanceUid")))
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("ready").value(true)))
                        .filter(f -> f.terms(t -> t.field("patientKey").terms(v -> v.value(keys))))))
                .sort(o -> o.field(f -> f.field("waitingSince").order(SortOrder.Desc))), ReadingOrder.class)
                .hits().hits();
        for (Hit<ReadingOrder> study : hits) {
            byPatient.computeIfAbsent(study.source().patientKey(), key -> new ArrayList<>()).add(study.source());
        }
        return byPatient;
    }

    private ReadingPatient patient(PatientIdentifier patient) {
        return ReadingPatient.of(patient, patients.find(patient.toString(), PatientName.class));
    }

    private static String studyLink(String studyInstanceUid) {
        return "study:" + studyInstanceUid;
    }

    private static String reportLink(String reportId) {
        return "report:" + reportId;
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
}
