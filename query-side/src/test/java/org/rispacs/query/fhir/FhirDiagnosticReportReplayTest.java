package org.rispacs.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirDiagnosticReportVersions;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class FhirDiagnosticReportReplayTest {

    private static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier SURVIVOR = new PatientIdentifier("P2", "HOSP");
    private static final ProcedureCode CT_CHEST = new ProcedureCode("CTCH", "LOCAL", "CT chest");
    private static final Actor RESIDENT = new Actor("res1", "Rita Resident", ClinicalRole.RESIDENT);
    private static final Actor RADIOLOGIST = new Actor("rad1", "Ralf Radiologist", ClinicalRole.RADIOLOGIST);
    private static final String STUDY = "1.2.3.4";

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private final ProjectionHarness live = new ProjectionHarness(new FhirDiagnosticReportProjection(indexes));
    private final List<EventMessage<?>> published = new ArrayList<>();

    @Test
    void eachEventOfTheReportIsAVersionAndTheNewestIsWhatTheReadModelShows() {
        publish("order-1", 0, new OrderPlacedEvent("order-1", PATIENT, null, CT_CHEST, "CT", OrderPriority.ROUTINE,
                null, null));
        publish("r1", 0, new ReportDraftedEvent("r1", "order-1", STUDY, RESIDENT, "FINDINGS: clear."));
        publish("r1", 1, new ReportRevisedEvent("r1", RESIDENT, "FINDINGS: clear.\nIMPRESSION: normal"));
        publish("r1", 2, new ReportSignedPreliminaryEvent("r1", RESIDENT));
        publish(STUDY, 0, new InstancesReceivedEvent(STUDY, STUDY + ".1", "a1", "CT1",
                new ReceivedStudyAttributes("P1", "HOSP", null, "ACC1", "CT", null), List.of(), true,
                new ReceivedStudyDetails("20261207", "093000", null, null, null, null), null));
        publish("r1", 3, new ReportRevisedEvent("r1", RADIOLOGIST, "FINDINGS: clear. IMPRESSION: normal."));
        publish("r1", 4, new ReportSignedEvent("r1", "order-1", STUDY, RADIOLOGIST,
                "FINDINGS: clear. IMPRESSION: normal."));
        publish("order-1", 1, new OrderPatientReassignedEvent("order-1", PATIENT, SURVIVOR));
        publish("r1", 5, new ReportAddendedEvent("r1", "order-1", 1, RADIOLOGIST, "Follow-up in 6 weeks."));

        FhirDiagnosticReportVersions history = FhirDiagnosticReportReplay.of("r1",
                Stream.concat(stream("order-1"), stream(STUDY)), stream("r1"));

        List<FhirDiagnosticReport> versions = history.versions();
        assertThat(versions).extracting(FhirDiagnosticReport::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(versions).extracting(FhirDiagnosticReport::status).containsExactly(FhirReportStatus.DRAFT,
                FhirReportStatus.DRAFT, FhirReportStatus.PRELIMINARY, FhirReportStatus.PRELIMINARY,
                FhirReportStatus.FINAL, FhirReportStatus.APPENDED);
        assertThat(versions.get(2).text()).isEqualTo("FINDINGS: clear.\nIMPRESSION: normal");
        assertThat(versions.get(3).text()).as("a revision after the preliminary signature is not signed")
                .isEqualTo("FINDINGS: clear.\nIMPRESSION: normal");
        assertThat(versions.get(3).lastUpdated()).isEqualTo(published.get(5).getTimestamp());
        assertThat(versions.get(4).text()).isEqualTo("FINDINGS: clear. IMPRESSION: normal.");
        assertThat(versions.get(4).addenda()).isEmpty();
        assertThat(versions.get(5).addenda()).hasSize(1);
        assertThat(versions).as("the order and study as they are now: they make no version of the report")
                .allSatisfy(version -> {
                    assertThat(version.patient()).isEqualTo(SURVIVOR);
                    assertThat(version.procedure()).isEqualTo(CT_CHEST);
                    assertThat(version.studyDate()).isEqualTo("20261207");
                });
        assertThat(versions.getLast()).as("read and history agree")
                .isEqualTo(indexes.index(FhirDiagnosticReportProjection.REPORTS).find("r1", FhirReportDocument.class)
                        .answer());
        assertThat(history.version(3)).contains(versions.get(2));
        assertThat(history.version(7)).isEmpty();
    }

    @Test
    void anotherAggregatesEventsGiveNoVersion() {
        publish("order-1", 0, new OrderPlacedEvent("order-1", PATIENT, null, CT_CHEST, "CT", OrderPriority.ROUTINE,
                null, null));
        publish("r2", 0, new ReportDraftedEvent("r2", "order-1", STUDY, RESIDENT, "text"));

        assertThat(FhirDiagnosticReportReplay.of("r1", stream("order-1"), stream("r2")).versions()).isEmpty();
        assertThat(FhirDiagnosticReportReplay.of("r9", Stream.empty(), Stream.empty()).versions()).isEmpty();
    }

    private void publish(String aggregateId, long sequence, Object payload) {
        published.add(live.publish(aggregateId, sequence, payload, Map.of()));
    }

    private Stream<EventMessage<?>> stream(String aggregateId) {
        return published.stream().filter(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier()
                .equals(aggregateId));
    }
}
