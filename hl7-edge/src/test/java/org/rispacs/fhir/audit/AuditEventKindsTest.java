package org.rispacs.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.order.OrderPlacedEvent;

class AuditEventKindsTest {

    @Test
    void everyEventOfTheApiHasAKindOfItsOwn() throws Exception {
        List<String> events = apiEventTypes();
        assertThat(events).as("the api's events, found on the class path").hasSizeGreaterThan(50)
                .contains("OrderPlacedEvent", "PatientDataViewedEvent", "UserSignedInEvent");
        assertThat(events).filteredOn(type -> !AuditEventKinds.known(type))
                .as("events shown as mere Application Activity").isEmpty();
        assertThat(AuditEventKinds.known("SomethingNewEvent")).isFalse();
    }

    @ParameterizedTest(name = "{0} over {1} is {2} {3}")
    @CsvSource({
        "PatientRegisteredEvent, hl7, 110110, C",
        "PatientDemographicsUpdatedEvent, hl7, 110110, U",
        "PatientsMergedEvent, hl7, 110110, U",
        "OrderPlacedEvent, http, 110109, C",
        "AccessionAssignedEvent, system, 110109, U",
        "OrderCancelledEvent, hl7, 110109, U",
        "ChargeCapturedEvent, system, 110109, C",
        "ClaimSubmittedEvent, system, 110109, U",
        "ProcedureScheduledEvent, system, 110111, C",
        "PerformedProcedureStepStartedEvent, dicom, 110111, C",
        "ProcedureStepCompletedEvent, dicom, 110111, U",
        "InstancesReceivedEvent, dicom, 110104, C",
        "StudyMatchedToOrderEvent, system, 110103, U",
        "StudyReconciledEvent, http, 110103, U",
        "StorageCommittedEvent, dicom, 110103, E",
        "ReportDraftedEvent, http, 110110, C",
        "ReportSignedEvent, http, 110110, U",
        "ReportAddendedEvent, http, 110110, U",
        "DeliveryScheduledEvent, system, 110106, E",
        "DeliveredEvent, hl7, 110106, R",
        "DeliveryFailedEvent, hl7, 110106, R",
        "WorklistQueryServedEvent, dicom, 110112, E",
        "UserSignedInEvent, http, 110114, E",
        "UserRolesChangedEvent, http, 110113, U",
        "UserAccountCreatedEvent, http, 110113, C",
        "SomethingNewEvent, system, 110100, E",
        "OrderPlacedEvent, fhir, rest, C",
        "ReportSignedEvent, fhir, rest, U",
    })
    void eachEventTypeHasItsKind(String type, String channel, String code, AuditEventAction action) {
        AuditEventKind kind = AuditEventKinds.of(record(type, channel, Map.of()));
        assertThat(kind.type().code()).isEqualTo(code);
        assertThat(kind.action()).isEqualTo(action);
    }

    @Test
    void fhirRequestsAreRestfulOperationsWithTheirInteraction() {
        AuditEventKind created = AuditEventKinds.of(record("OrderPlacedEvent", "fhir", Map.of()));
        assertThat(created.subtype().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
        assertThat(created.subtype().getCode()).isEqualTo("create");
        assertThat(AuditEventKinds.of(record("ReportSignedEvent", "fhir", Map.of())).subtype().getCode())
                .isEqualTo("update");
    }

    @ParameterizedTest(name = "the view {0} over {1} is {2} {3} {4}")
    @CsvSource({
        "fhir-patient, fhir, rest, R, read",
        "fhir-patient-search, fhir, rest, E, search-type",
        "fhir-audit-event-search, fhir, rest, E, search-type",
        "fhir-audit-event, fhir, rest, R, read",
        "order, http, 110110, R, ",
        "reading-worklist, http, 110110, R, ",
        "audit-timeline, http, 110101, R, ",
        "api-audit-state, http, 110101, R, ",
        "dicom-find STUDY, dicom, 110112, E, ",
        "dicom-move, dicom, 110104, R, ",
        "dicom-get, dicom, 110104, R, ",
    })
    void viewsOfPatientDataAreReadsQueriesTransfersOrUsesOfTheAuditLog(String view, String channel, String code,
                                                                         AuditEventAction action, String interaction) {
        AuditEventKind kind = AuditEventKinds.of(record("PatientDataViewedEvent", channel, Map.of("view", view)));
        assertThat(kind.type().code()).isEqualTo(code);
        assertThat(kind.action()).isEqualTo(action);
        if (interaction == null) {
            assertThat(kind.subtype()).isNull();
        } else {
            assertThat(kind.subtype().getCode()).isEqualTo(interaction);
        }
    }

    @Test
    void signInsAndAccountChangesHaveTheirDicomSubtype() {
        assertThat(AuditEventKinds.of(record("UserSignedInEvent", "http", Map.of())).subtype().getCode())
                .isEqualTo("110122");
        assertThat(AuditEventKinds.of(record("UserSignInFailedEvent", "http", Map.of())).subtype().getCode())
                .isEqualTo("110122");
        assertThat(AuditEventKinds.of(record("UserRolesChangedEvent", "http", Map.of())).subtype().getCode())
                .isEqualTo("110136");
        assertThat(AuditEventKinds.of(record("UserPasswordResetEvent", "http", Map.of())).subtype().getCode())
                .isEqualTo("110137");
        assertThat(AuditEventKinds.of(record("OrderPlacedEvent", "hl7", Map.of())).subtype()).isNull();
    }

    @Test
    void failuresAreMinorOrSeriousAndEverythingElseASuccess() {
        assertThat(outcome("UserSignInFailedEvent", Map.of())).isEqualTo(AuditEventOutcome._4);
        assertThat(outcome("StudyAttachmentRefusedEvent", Map.of())).isEqualTo(AuditEventOutcome._4);
        assertThat(outcome("StorageCommitmentReportFailedEvent", Map.of())).isEqualTo(AuditEventOutcome._4);
        assertThat(outcome("DeliveryAttemptedEvent", Map.of("acknowledged", "false"))).isEqualTo(AuditEventOutcome._4);
        assertThat(outcome("DeliveryAttemptedEvent", Map.of("acknowledged", "true"))).isEqualTo(AuditEventOutcome._0);
        assertThat(outcome("DeliveryFailedEvent", Map.of())).isEqualTo(AuditEventOutcome._8);
        assertThat(outcome("OrderPlacedEvent", Map.of())).isEqualTo(AuditEventOutcome._0);
        assertThat(outcome("UserSignedInEvent", Map.of())).isEqualTo(AuditEventOutcome._0);
    }

    private static AuditEventOutcome outcome(String type, Map<String, String> fields) {
        return AuditEventKinds.outcome(record(type, "hl7", fields));
    }

    static FhirAuditRecord record(String type, String channel, Map<String, String> fields) {
        return new FhirAuditRecord("e-1", type, Instant.parse("2026-12-07T10:15:30Z"), "jdoe", channel, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), fields);
    }

    /** The simple names of the api's event classes, from the folder or jar the api's classes are in. */
    private static List<String> apiEventTypes() throws IOException, URISyntaxException {
        Path location = Path.of(OrderPlacedEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                names = files.map(file -> location.relativize(file).toString().replace('\\', '/')).toList();
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                names = jar.stream().map(entry -> entry.getName()).toList();
            }
        }
        return names.stream().filter(name -> name.startsWith("org/rispacs/api/") && name.endsWith("Event.class")
                        && !name.contains("$"))
                .map(name -> name.substring(name.lastIndexOf('/') + 1, name.length() - ".class".length()))
                .sorted().toList();
    }
}
