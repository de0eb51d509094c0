package org.rispacs.query.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirReportAddendum;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * The reports as FHIR {@code DiagnosticReport} resources show them, keyed by report id, drafts included (a
 * preliminary signature carries no text, so the draft's must be at hand; the queries never answer a draft).
 * {@code text} is the text signed (preliminary, then final), {@code draftText} the text as last saved.
 * The order's patient and procedure and the study's date and time are copied into each report, from a helper
 * index of the same processing group ({@code fhir-report-links}) that also lists the reports of each order and
 * study so that a later change reaches them. The version is the report aggregate's: its last event's sequence
 * number plus one.
 */
@Component
@ProcessingGroup(FhirDiagnosticReportProjection.PROCESSING_GROUP)
class FhirDiagnosticReportProjection {

    static final String PROCESSING_GROUP = "fhir-diagnostic-reports";
    static final String REPORTS = "fhir-diagnostic-reports";
    static final String LINKS = "fhir-report-links";

    private final ReadModelIndex reports;
    private final ReadModelIndex links;

    FhirDiagnosticReportProjection(ReadModelIndexes indexes) {
        this.reports = indexes.prepare(PROCESSING_GROUP, REPORTS);
        this.links = indexes.prepare(PROCESSING_GROUP, LINKS);
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        orderChanged(event.orderId(), patientFields(event.patient()));
        orderChanged(event.orderId(), procedureFields(event.procedure()));
    }

    @EventHandler
    void on(OrderUpdatedEvent event) {
        orderChanged(event.orderId(), procedureFields(event.procedure()));
    }

    @EventHandler
    void on(OrderPatientReassignedEvent event) {
        orderChanged(event.orderId(), patientFields(event.patient()));
    }

    /** The study's date and time as its first images with study details carried them. */
    @EventHandler
    void on(InstancesReceivedEvent event) {
        ReceivedStudyDetails details = event.studyDetails();
        if (details == null || details.studyDate() == null) {
            return;
        }
        FhirReportLink study = links.find(studyKey(event.studyInstanceUid()), FhirReportLink.class);
        if (study != null && study.studyDate() != null) {
            return;
        }
        Map<String, Object> fields = fields("studyDate", details.studyDate(), "studyTime", details.studyTime());
        links.upsert(studyKey(event.studyInstanceUid()), fields);
        if (study != null) {
            study.reportIds().forEach(reportId -> reports.upsert(reportId, fields));
            reports.refreshAfterBatch();
        }
    }

    @EventHandler
    void on(ReportDraftedEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        Map<String, Object> report = fields("reportId", event.reportId(), "orderId", event.orderId(),
                "studyInstanceUid", event.studyInstanceUid(), "status", FhirReportStatus.DRAFT.name(),
                "draftText", event.text(), "text", null, "signer", null, "signedAt", null, "addenda", List.of());
        FhirReportLink order = linkReport(orderKey(event.orderId()), event.reportId());
        FhirReportLink study = linkReport(studyKey(event.studyInstanceUid()), event.reportId());
        report.putAll(orderFields(order));
        report.putAll(fields("studyDate", study.studyDate(), "studyTime", study.studyTime()));
        report.putAll(versionFields(sequence, when));
        reports.upsert(event.reportId(), report);
        reports.refreshAfterBatch();
    }

    @EventHandler
    void on(ReportRevisedEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        changed(event.reportId(), fields("draftText", event.text()), sequence, when);
    }

    /** The text signed is the one it had then; a revision after it belongs to the final version. */
    @EventHandler
    void on(ReportSignedPreliminaryEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        FhirReportDocument report = reports.find(event.reportId(), FhirReportDocument.class);
        changed(event.reportId(), fields("status", FhirReportStatus.PRELIMINARY.name(),
                "text", report == null ? null : report.draftText(),
                "signer", name(event.signer()), "signedAt", when.toString()), sequence, when);
    }

    @EventHandler
    void on(ReportSignedEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        changed(event.reportId(), fields("status", FhirReportStatus.FINAL.name(), "text", event.text(),
                "signer", name(event.signer()), "signedAt", when.toString()), sequence, when);
    }

    @EventHandler
    void on(ReportAddendedEvent event, @SequenceNumber long sequence, @Timestamp Instant when) {
        FhirReportDocument report = reports.find(event.reportId(), FhirReportDocument.class);
        List<Object> addenda = new ArrayList<>();
        boolean known = false;
        for (FhirReportAddendum addendum : report == null ? List.<FhirReportAddendum>of() : report.addenda()) {
            addenda.add(reports.asDocument(addendum));
            known |= addendum.number() == event.addendumNumber();
        }
        if (!known) {
            addenda.add(reports.asDocument(new FhirReportAddendum(event.addendumNumber(), name(event.author()), when,
                    event.text())));
        }
        changed(event.reportId(), fields("status", FhirReportStatus.APPENDED.name(), "addenda", addenda),
                sequence, when);
    }

    @ResetHandler
    void reset() {
        reports.recreate();
        links.recreate();
    }

    private void changed(String reportId, Map<String, Object> fields, long sequence, Instant when) {
        fields.putAll(versionFields(sequence, when));
        reports.upsert(reportId, fields);
        reports.refreshAfterBatch();
    }

    private void orderChanged(String orderId, Map<String, Object> fields) {
        links.upsert(orderKey(orderId), fields);
        FhirReportLink order = links.find(orderKey(orderId), FhirReportLink.class);
        if (!order.reportIds().isEmpty()) {
            Map<String, Object> copied = orderFields(order);
            order.reportIds().forEach(reportId -> reports.upsert(reportId, copied));
            reports.refreshAfterBatch();
        }
    }

    /** The order's or study's link, naming the report among its reports. */
    private FhirReportLink linkReport(String key, String reportId) {
        FhirReportLink link = links.find(key, FhirReportLink.class);
        List<String> reportIds = new ArrayList<>(link == null ? List.of() : link.reportIds());
        if (!reportIds.contains(reportId)) {
            reportIds.add(reportId);
            links.upsert(key, fields("reportIds", reportIds));
        }
        return links.find(key, FhirReportLink.class);
    }

    private static Map<String, Object> orderFields(FhirReportLink order) {
        PatientIdentifier patient = order.patientId() == null || order.issuerOfPatientId() == null ? null
                : new PatientIdentifier(order.patientId(), order.issuerOfPatientId());
        return fields("patientResourceId", patient == null ? null : FhirPatientIds.of(patient),
                "patientId", order.patientId(), "issuerOfPatientId", order.issuerOfPatientId(),
                "procedureCode", order.procedureCode(), "procedureScheme", order.procedureScheme(),
                "procedureMeaning", order.procedureMeaning());
    }

    private static Map<String, Object> patientFields(PatientIdentifier patient) {
        return fields("patientId", patient.id(), "issuerOfPatientId", patient.issuer());
    }

    private static Map<String, Object> procedureFields(ProcedureCode procedure) {
        return fields("procedureCode", procedure == null ? null : procedure.code(),
                "procedureScheme", procedure == null ? null : procedure.codingScheme(),
                "procedureMeaning", procedure == null ? null : procedure.meaning());
    }

    /** The aggregate's version after this event (a replay passes every event again, so the last one wins). */
    private static Map<String, Object> versionFields(long sequence, Instant when) {
        return fields("version", sequence + 1, "lastUpdated", when.toString());
    }

    private static String name(Actor actor) {
        if (actor == null) {
            return null;
        }
        return actor.name() != null && !actor.name().isBlank() ? actor.name() : actor.id();
    }

    private static String orderKey(String orderId) {
        return "order:" + orderId;
    }

    private static String studyKey(String studyInstanceUid) {
        return "study:" + studyInstanceUid;
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
