package org.rispacs.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirReportAddendum;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.fhir.SearchFhirDiagnosticReportsQuery;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderUpdatedEvent;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class FhirDiagnosticReportProjectionTest {

    private static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier OTHER = new PatientIdentifier("P2", "HOSP");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCH", "LOCAL", "CT chest");
    private static final Actor RESIDENT = new Actor("res1", "Rita Resident", ClinicalRole.RESIDENT);
    private static final Actor RADIOLOGIST = new Actor("rad1", "Ralf Radiologist", ClinicalRole.RADIOLOGIST);
    private static final String STUDY = "1.2.3.4";

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex reports;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new FhirDiagnosticReportProjection(indexes));
        reports = indexes.index(FhirDiagnosticReportProjection.REPORTS);
    }

    @Test
    void aReportCarriesItsOrdersPatientAndProcedureItsStudysTimeItsSignaturesAddendaAndAggregateVersion() {
        events.publish(new OrderPlacedEvent("order-1", PATIENT, null, CT_CHEST, "CT", OrderPriority.ROUTINE, null,
                null));
        events.publish(new InstancesReceivedEvent(STUDY, STUDY + ".1", "a1", "CT1",
                new ReceivedStudyAttributes("P1", "HOSP", null, "ACC1", "CT", null), List.of(), true,
                new ReceivedStudyDetails("20261207", "093000", null, null, null, null), null));
        events.publish("r1", 0, new ReportDraftedEvent("r1", "order-1", STUDY, RESIDENT, "draft"), Map.of());

        FhirDiagnosticReport draft = report("r1");
        assertThat(draft.status()).isEqualTo(FhirReportStatus.DRAFT);
        assertThat(draft.text()).as("nothing signed yet").isNull();
        assertThat(draft.signer()).isNull();
        assertThat(draft.version()).isEqualTo(1);

        events.publish("r1", 1, new ReportRevisedEvent("r1", RESIDENT, "FINDINGS: clear.\nIMPRESSION: normal"),
                Map.of());
        Instant preliminaryAt = events.now();
        events.publish("r1", 2, new ReportSignedPreliminaryEvent("r1", RESIDENT), Map.of());
        FhirDiagnosticReport preliminary = report("r1");
        assertThat(preliminary.status()).isEqualTo(FhirReportStatus.PRELIMINARY);
        assertThat(preliminary.text()).isEqualTo("FINDINGS: clear.\nIMPRESSION: normal");
        assertThat(preliminary.signer()).isEqualTo("Rita Resident");
        assertThat(preliminary.signedAt()).isEqualTo(preliminaryAt);
        assertThat(preliminary.version()).isEqualTo(3);
        events.publish("r1", 3, new ReportRevisedEvent("r1", RADIOLOGIST, "FINDINGS: clear."), Map.of());
        assertThat(report("r1").text()).as("a revision after the preliminary signature is not signed")
                .isEqualTo("FINDINGS: clear.\nIMPRESSION: normal");
        assertThat(report("r1").status()).isEqualTo(FhirReportStatus.PRELIMINARY);
        assertThat(report("r1").version()).isEqualTo(4);

        Instant signedAt = events.now();
        events.publish("r1", 4, new ReportSignedEvent("r1", "order-1", STUDY, RADIOLOGIST, "FINDINGS: clear."),
                Map.of());
        Instant addendumAt = events.now();
        events.publish("r1", 5, new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "Follow-up in 6 weeks."),
                Map.of());
        events.replayOver();

        FhirDiagnosticReport report = report("r1");
        assertThat(report.reportId()).isEqualTo("r1");
        assertThat(report.orderId()).isEqualTo("order-1");
        assertThat(report.studyInstanceUid()).isEqualTo(STUDY);
        assertThat(report.patient()).isEqualTo(PATIENT);
        assertThat(report.procedure()).isEqualTo(CT_CHEST);
        assertThat(report.studyDate()).isEqualTo("20261207");
        assertThat(report.studyTime()).isEqualTo("093000");
        assertThat(report.status()).isEqualTo(FhirReportStatus.APPENDED);
        assertThat(report.text()).as("the text as signed final").isEqualTo("FINDINGS: clear.");
        assertThat(report.signer()).isEqualTo("Ralf Radiologist");
        assertThat(report.signedAt()).isEqualTo(signedAt);
        assertThat(report.addenda()).containsExactly(
                new FhirReportAddendum(1, "Ralf Radiologist", addendumAt, "Follow-up in 6 weeks."));
        assertThat(report.version()).isEqualTo(6);
        assertThat(report.lastUpdated()).isEqualTo(addendumAt);
        assertThat(reports.find("r1").get("patientResourceId")).isEqualTo(FhirPatientIds.of(PATIENT));

        events.rebuild();
        assertThat(report("r1")).isEqualTo(report);
    }

    @Test
    void aLaterChangeOfTheOrdersPatientOrProcedureOrTheStudysTimeReachesItsReports() {
        events.publish(new OrderPlacedEvent("order-1", PATIENT, null, CT_CHEST, "CT", OrderPriority.ROUTINE, null,
                null));
        events.publish("r1", 0, new ReportDraftedEvent("r1", "order-1", STUDY, RADIOLOGIST, "text"), Map.of());
        events.publish("r1", 1, new ReportSignedEvent("r1", "order-1", STUDY, RADIOLOGIST, "text"), Map.of());
        assertThat(report("r1").studyDate()).isNull();

        ProcedureCode corrected = new ProcedureCode("CTCHC", "LOCAL", "CT chest with contrast");
        events.publish(new OrderUpdatedEvent("order-1", corrected, OrderPriority.ROUTINE, null, null));
        events.publish(new OrderPatientReassignedEvent("order-1", PATIENT, OTHER));
        events.publish(new InstancesReceivedEvent(STUDY, STUDY + ".1", "a1", "CT1",
                new ReceivedStudyAttributes("P2", "HOSP", null, "ACC1", "CT", null), List.of(), true,
                new ReceivedStudyDetails("20261206", null, null, null, null, null), null));

        FhirDiagnosticReport report = report("r1");
        assertThat(report.patient()).isEqualTo(OTHER);
        assertThat(reports.find("r1").get("patientResourceId")).isEqualTo(FhirPatientIds.of(OTHER));
        assertThat(report.procedure()).isEqualTo(corrected);
        assertThat(report.studyDate()).isEqualTo("20261206");
        assertThat(report.studyTime()).isNull();
        assertThat(report.version()).as("the order's and study's events are not the report's").isEqualTo(2);
    }

    @Test
    void searchesNeverMatchDraftsAndMatchOnlySignedStatusesAsked() {
        SearchFhirDiagnosticReportsQuery any = new SearchFhirDiagnosticReportsQuery(null, null, null, List.of(), 0, 10);
        assertThat(FhirDiagnosticReportQueries.filters(any).toString())
                .contains("PRELIMINARY", "FINAL", "APPENDED").doesNotContain("DRAFT");
        SearchFhirDiagnosticReportsQuery drafts = new SearchFhirDiagnosticReportsQuery("p", "o", "s",
                List.of(FhirReportStatus.DRAFT), 0, 10);
        assertThat(FhirDiagnosticReportQueries.filters(drafts).toString()).doesNotContain("DRAFT")
                .contains("patientResourceId", "orderId", "studyInstanceUid");
    }

    private FhirDiagnosticReport report(String reportId) {
        return reports.find(reportId, FhirReportDocument.class).answer();
    }
}
