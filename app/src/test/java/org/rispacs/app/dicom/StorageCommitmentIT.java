package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeIds;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.StorageCommitmentReportDeliveredEvent;
import org.rispacs.api.delivery.StorageCommitmentReportFailedEvent;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ProcedureStepCompletedEvent;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StorageCommitmentRequestedEvent;
import org.rispacs.api.study.StorageCommittedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.FreePort;
import org.rispacs.app.support.TestApi;
import org.rispacs.app.support.TestCommands;
import org.rispacs.app.support.WebSession;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.SeriesLocation;
import org.rispacs.dicom.bridge.GatewayUndeliveredReports;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.service.commitment.CommitmentRequest;
import org.rispacs.dicom.service.commitment.StorageCommitmentService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Our Storage Commitment SCP with dcmjs-dimse (Node.js) as the modality: requesting commitment
 * with N-ACTION, and receiving our N-EVENT-REPORT on its own association or, once it has released
 * it, as the SCP of a new association we open to its configured address.
 */
class StorageCommitmentIT extends ApplicationTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the modality "MOD2" listens for reports on a new association. */
    private static final int MOD2_PORT = FreePort.next();
    /** Where "MOD3" should listen for reports, but nothing does: its reports cannot be delivered. */
    private static final int MOD3_CLOSED_PORT = FreePort.next();
    /** Where "MOD5" listens: configured, but its listener starts only after its report was given up. */
    private static final int MOD5_PORT = FreePort.next();
    /** Orthanc's DICOM port: it expects reports on a new association. */
    private static final int ORTHANC_DICOM_PORT = FreePort.next();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ris.dicom.peers.MOD2.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.MOD2.port", () -> String.valueOf(MOD2_PORT));
        registry.add("ris.dicom.peers.ORTHANC.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.ORTHANC.port", () -> String.valueOf(ORTHANC_DICOM_PORT));
        registry.add("ris.dicom.peers.MOD3.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.MOD3.port", () -> String.valueOf(MOD3_CLOSED_PORT));
        registry.add("ris.dicom.peers.MOD5.host", () -> "127.0.0.1");
        registry.add("ris.dicom.peers.MOD5.port", () -> String.valueOf(MOD5_PORT));
        registry.add("ris.dicom.storage-commitment.retry-interval", () -> "1s");
        registry.add("ris.dicom.storage-commitment.max-attempts", () -> "3");
    }

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;
    @Autowired
    JdbcPendingCommitments pending;
    @Autowired
    JdbcRecordedLocations locations;
    @Autowired
    StorageCommitmentService storageCommitment;

    @Autowired
    UserAccounts accounts;

    @TempDir
    Path work;

    private final Map<Process, BufferedReader> listeners = new HashMap<>();

    @Test
    void aFullyCommittedStudyIsReportedOnTheSameAssociationAndWithTheCompletedStepCapturesTheCharge()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        PatientIdentifier patient = new PatientIdentifier("SC-" + run, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName("Commit", "Cleo", null, null, null),
                LocalDate.of(1980, 2, 3), "F")));
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("CTHEAD", "LOCAL", "CT head"), "CT",
                OrderPriority.ROUTINE, null, null, null));
        send(new ScheduleProcedureCommand(orderId, LocalDateTime.of(2027, 2, 1, 9, 0), "CT1", null, null));
        String accession = Eventually.event(eventStore, orderId, AccessionAssignedEvent.class, e -> true)
                .accessionNumber();

        String study = uid();
        store(ctImage("a", study + ".1.1", study, accession, patient.id()),
                ctImage("b", study + ".1.2", study, accession, patient.id()));
        Eventually.event(eventStore, study, StudyMatchedToOrderEvent.class, e -> true);
        String mpps = uid();
        assertThat(mpps("create", mpps, Map.of("PerformedProcedureStepStatus", "IN PROGRESS",
                "ScheduledStepAttributesSequence", List.of(Map.of("AccessionNumber", accession))))
                .get("status").asInt()).isZero();
        Eventually.eventually(() -> assertThat(eventStore.readEvents(orderId).asStream()
                .anyMatch(e -> e.getPayload().getClass().getSimpleName().equals("ProcedureStepStartedEvent")))
                .isTrue());
        assertThat(mpps("set", mpps, Map.of("PerformedProcedureStepStatus", "COMPLETED",
                "PerformedSeriesSequence", List.of(Map.of("SeriesInstanceUID", study + ".1"))))
                .get("status").asInt()).isZero();
        Eventually.event(eventStore, orderId, ProcedureStepCompletedEvent.class, e -> true);

        String transaction = uid();
        List<JsonNode> lines = request("CT1", 10_000, action(transaction, study + ".1.1", study + ".1.2"), true);
        JsonNode action = find(lines, "action");
        assertThat(action.get("status").asInt()).as(lines.toString()).isZero();
        assertThat(action.get("actionTypeId").asInt()).isEqualTo(1);
        JsonNode report = find(lines, "report");
        assertThat(report.get("eventTypeId").asInt()).isEqualTo(1);
        assertThat(report.get("role").asText()).isEqualTo("requestor");
        JsonNode dataset = report.get("dataset");
        assertThat(dataset.get("TransactionUID").asText()).isEqualTo(transaction);
        assertThat(dataset.get("ReferencedSOPSequence")).hasSize(2);
        assertThat(dataset.has("FailedSOPSequence")).isFalse();

        StorageCommittedEvent committed = Eventually.event(eventStore, study, StorageCommittedEvent.class, e -> true);
        assertThat(committed.transactionUid()).isEqualTo(transaction);
        assertThat(committed.studyComplete()).isTrue();
        assertThat(Eventually.event(eventStore, study, StorageCommitmentRequestedEvent.class, e -> true)
                .requestingAeTitle()).isEqualTo("CT1");
        assertThat(Eventually.event(eventStore, ChargeIds.forOrder(orderId), ChargeCapturedEvent.class, e -> true)
                .studyInstanceUid()).isEqualTo(study);
        Eventually.eventually(() -> assertThat(pending.count()).isZero());
    }

    @Test
    void missingAndCorruptedInstancesAreReportedAsFailedOnANewAssociationWithTheScpRole() throws Exception {
        String study = uid();
        store(ctImage("c", study + ".1.1", study, "NOORDER1", "P-SC-2"),
                ctImage("d", study + ".1.2", study, "NOORDER1", "P-SC-2"));
        assertThat(Eventually.event(eventStore, study, InstancesReceivedEvent.class, e -> true).instances())
                .hasSize(2);
        assertThat(locations.seriesOf(study + ".1.2")).as("recorded with the event")
                .contains(new SeriesLocation(study, study + ".1"));
        Path corrupted = archive.find(study + ".1.2", locations).orElseThrow();
        byte[] bytes = Files.readAllBytes(corrupted);
        bytes[bytes.length - 1] ^= 0x7f;
        Files.write(corrupted, bytes);

        Process listener = listen();
        String transaction = uid();
        List<JsonNode> lines = request("MOD2", 0, action(transaction, study + ".1.1", study + ".1.2",
                study + ".9.9"), false);
        assertThat(find(lines, "action").get("status").asInt()).as(lines.toString()).isZero();

        JsonNode report = awaitReport(listener);
        assertThat(report.get("eventTypeId").asInt()).isEqualTo(2);
        assertThat(report.get("role").get("scp").asBoolean()).as("we asked for the SCP role").isTrue();
        assertThat(report.get("role").get("scu").asBoolean()).isFalse();
        assertThat(report.get("role").get("callingAeTitle").asText()).isEqualTo("RISPACS");
        JsonNode dataset = report.get("dataset");
        assertThat(dataset.get("TransactionUID").asText()).isEqualTo(transaction);
        assertThat(dataset.get("ReferencedSOPSequence")).hasSize(1);
        assertThat(dataset.get("ReferencedSOPSequence").get(0).get("ReferencedSOPInstanceUID").asText())
                .isEqualTo(study + ".1.1");
        Map<String, Integer> failed = new HashMap<>();
        dataset.get("FailedSOPSequence").forEach(item -> failed.put(item.get("ReferencedSOPInstanceUID").asText(),
                item.get("FailureReason").asInt()));
        assertThat(failed).containsExactlyInAnyOrderEntriesOf(Map.of(study + ".1.2", 0x0110, study + ".9.9", 0x0112));

        StorageCommittedEvent committed = Eventually.event(eventStore, study, StorageCommittedEvent.class, e -> true);
        assertThat(committed.committedSopInstanceUids()).containsExactly(study + ".1.1");
        assertThat(committed.failedSopInstanceUids()).containsExactly(study + ".1.2");
        assertThat(committed.studyComplete()).isFalse();
    }

    @Test
    void malformedRequestsAreRefusedWithTheirStatus() throws Exception {
        List<JsonNode> noTransaction = request("CT1", 0, JSON.writeValueAsString(Map.of("ReferencedSOPSequence",
                List.of(Map.of("ReferencedSOPClassUID", CT, "ReferencedSOPInstanceUID", "1.2.3")))), false);
        JsonNode refused = find(noTransaction, "action");
        assertThat(refused.get("status").asInt()).isEqualTo(0x0115);
        assertThat(refused.get("errorComment").asText()).contains("Transaction UID");
        assertThat(noTransaction.stream().noneMatch(line -> line.has("report"))).isTrue();

        List<JsonNode> noReferences = request("CT1", 0, JSON.writeValueAsString(Map.of("TransactionUID", uid())),
                false);
        assertThat(find(noReferences, "action").get("status").asInt()).isEqualTo(0x0115);
    }

    @Test
    void aTransactionLeftPendingByAStopIsReportedWhenTheServiceResumes() throws Exception {
        Process listener = listen();
        String transaction = uid();
        String never = uid();
        assertThat(pending.add(new CommitmentRequest(transaction, "MOD2", "RISPACS",
                List.of(new CommitmentRequest.Reference(CT, never)), Instant.now()))).isTrue();
        storageCommitment.resume();
        JsonNode report = awaitReport(listener);
        assertThat(report.get("eventTypeId").asInt()).isEqualTo(2);
        assertThat(report.get("dataset").get("TransactionUID").asText()).isEqualTo(transaction);
        assertThat(report.get("dataset").get("FailedSOPSequence").get(0).get("FailureReason").asInt())
                .isEqualTo(0x0112);
        Eventually.eventually(() -> assertThat(pending.count()).isZero());
    }

    @Test
    void aReportTheRequesterNeverReceivesIsGivenUpAndRaisesAnInterfaceAlert() throws Exception {
        String study = uid();
        store(ctImage("e", study + ".1.1", study, "NOORDER3", "P-SC-4"));
        Eventually.event(eventStore, study, InstancesReceivedEvent.class, e -> true);
        String transaction = uid();

        List<JsonNode> lines = requestRefusingReportsOnTheAssociation("MOD3", action(transaction, study + ".1.1",
                study + ".9.9"));
        assertThat(find(lines, "action").get("status").asInt()).as(lines.toString()).isZero();

        StorageCommitmentReportFailedEvent failed = Eventually.event(eventStore, transaction,
                StorageCommitmentReportFailedEvent.class, e -> true);
        assertThat(failed.requesterAeTitle()).isEqualTo("MOD3");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.committed()).isEqualTo(1);
        assertThat(failed.failed()).isEqualTo(1);
        assertThat(failed.lastError()).containsIgnoringCase("refused");
        Eventually.eventually(() -> assertThat(pending.all()).noneMatch(p -> p.request().transactionUid()
                .equals(transaction)));

        RestClient api = TestApi.client(port);
        JsonNode health = Eventually.eventually(() -> api.get().uri("/api/interfaces/health").retrieve()
                .body(JsonNode.class), h -> h.get("storageCommitmentReportsGivenUp").findValuesAsText("destination")
                .contains("MOD3"));
        JsonNode requester = null;
        for (JsonNode row : health.get("storageCommitmentReportsGivenUp")) {
            if (row.get("destination").asText().equals("MOD3")) {
                requester = row;
            }
        }
        assertThat(requester.get("failed").asLong()).isEqualTo(1);
        assertThat(requester.get("attempts").asLong()).isEqualTo(3);
        assertThat(requester.get("lastError").asText()).contains(transaction);
        assertThat(health.get("destinations").findValuesAsText("destination")).doesNotContain("MOD3");
        JsonNode alert = null;
        for (JsonNode candidate : health.get("alerts")) {
            if (candidate.get("kind").asText().equals("STORAGE_COMMITMENT_REPORT_FAILED")
                    && candidate.get("subject").asText().equals("MOD3")) {
                alert = candidate;
            }
        }
        assertThat(alert).as(health.toString()).isNotNull();
        assertThat(alert.get("message").asText()).contains("storage commitment reports to MOD3");

        accounts.createIfAbsent("sc-tech", "Storage Commitment Tech", "sc-tech-password-1",
                EnumSet.of(Role.TECHNOLOGIST), false);
        WebSession browser = new WebSession(port);
        browser.signIn("sc-tech", "sc-tech-password-1");
        HttpResponse<String> page = browser.get("/interfaces");
        assertThat(page.statusCode()).isEqualTo(200);
        String banner = page.body().substring(page.body().indexOf("id=\"alert-banner\""));
        assertThat(banner.substring(0, banner.indexOf("</div>"))).contains("storage commitment reports to MOD3");
        String table = page.body().substring(page.body().indexOf("id=\"storage-commitment-reports\""));
        assertThat(table.substring(0, table.indexOf("</table>"))).contains("MOD3").contains(transaction);
    }

    @Test
    void aReportGivenUpBeforeItsRequesterWasConfiguredIsSentAtTheStartThatFindsItsAddress() throws Exception {
        String study = uid();
        store(ctImage("f", study + ".1.1", study, "NOORDER4", "P-SC-5"));
        Eventually.event(eventStore, study, InstancesReceivedEvent.class, e -> true);
        String transaction = uid();
        List<JsonNode> lines = requestRefusingReportsOnTheAssociation("MOD4", action(transaction, study + ".1.1"));
        assertThat(find(lines, "action").get("status").asInt()).as(lines.toString()).isZero();
        StorageCommitmentReportFailedEvent failed = Eventually.event(eventStore, transaction,
                StorageCommitmentReportFailedEvent.class, e -> true);
        assertThat(failed.lastError()).contains("no address is configured for AE title MOD4");
        Eventually.eventually(() -> assertThat(pending.givenUp()).anyMatch(p -> p.request().transactionUid()
                .equals(transaction) && p.unaddressed()));
        RestClient api = TestApi.client(port);
        Eventually.eventually(() -> api.get().uri("/api/interfaces/health").retrieve().body(JsonNode.class),
                h -> h.get("storageCommitmentReportsGivenUp").findValuesAsText("destination").contains("MOD4"));

        // MOD4 is configured and the application started again (its DICOM edge, on the same table);
        // its port is taken just before it listens, so that nothing else can have taken it meanwhile
        int mod4Port = FreePort.next();
        Process listener = listen(mod4Port, "MOD4");
        try (StorageCommitmentService restarted = new StorageCommitmentService(
                request -> {
                    throw new AssertionError("the verified outcome is reported, not verified again");
                },
                pending,
                aeTitle -> aeTitle.equalsIgnoreCase("MOD4")
                        ? Optional.of(new InetSocketAddress("127.0.0.1", mod4Port)) : Optional.empty(),
                new GatewayUndeliveredReports(commands),
                new StorageCommitmentService.Settings("2.25.329800735698586629295641978511506172918",
                        AssociationSettings.defaults(), Duration.ofSeconds(30), Duration.ofSeconds(1), 3),
                Clock.systemUTC())) {
            assertThat(restarted.resume()).isGreaterThanOrEqualTo(1);
            JsonNode report = awaitReport(listener);
            assertThat(report.get("eventTypeId").asInt()).isEqualTo(1);
            assertThat(report.get("dataset").get("TransactionUID").asText()).isEqualTo(transaction);
            assertThat(report.get("dataset").get("ReferencedSOPSequence").get(0).get("ReferencedSOPInstanceUID")
                    .asText()).isEqualTo(study + ".1.1");
            StorageCommitmentReportDeliveredEvent delivered = Eventually.event(eventStore, transaction,
                    StorageCommitmentReportDeliveredEvent.class, e -> true);
            assertThat(delivered.requesterAeTitle()).isEqualTo("MOD4");
            Eventually.eventually(() -> assertThat(pending.givenUp()).noneMatch(p -> p.request().transactionUid()
                    .equals(transaction)));
            assertThat(pending.all()).noneMatch(p -> p.request().transactionUid().equals(transaction));
        }
        JsonNode health = Eventually.eventually(() -> api.get().uri("/api/interfaces/health").retrieve()
                .body(JsonNode.class), h -> !h.get("storageCommitmentReportsGivenUp")
                .findValuesAsText("destination").contains("MOD4"));
        for (JsonNode alert : health.get("alerts")) {
            assertThat(alert.path("subject").asText()).as(health.toString()).isNotEqualTo("MOD4");
        }
    }

    @Test
    void aGivenUpReportIsSentAgainFromInterfaceHealth() throws Exception {
        String study = uid();
        store(ctImage("g", study + ".1.1", study, "NOORDER5", "P-SC-6"));
        Eventually.event(eventStore, study, InstancesReceivedEvent.class, e -> true);
        String transaction = uid();
        List<JsonNode> lines = requestRefusingReportsOnTheAssociation("MOD5", action(transaction, study + ".1.1"));
        assertThat(find(lines, "action").get("status").asInt()).as(lines.toString()).isZero();
        Eventually.event(eventStore, transaction, StorageCommitmentReportFailedEvent.class, e -> true);
        Eventually.eventually(() -> assertThat(pending.givenUp()).anyMatch(p -> p.request().transactionUid()
                .equals(transaction) && !p.unaddressed()));

        Process listener = listen(MOD5_PORT, "MOD5");
        JsonNode resent = TestApi.client(port).post()
                .uri("/api/interfaces/storage-commitment-reports/resend?requester=mod5").retrieve()
                .body(JsonNode.class);
        assertThat(resent.get("resent").asInt()).isEqualTo(1);
        JsonNode report = awaitReport(listener);
        assertThat(report.get("dataset").get("TransactionUID").asText()).isEqualTo(transaction);
        Eventually.event(eventStore, transaction, StorageCommitmentReportDeliveredEvent.class, e -> true);
        Eventually.eventually(() -> assertThat(pending.givenUp()).noneMatch(p -> p.request().transactionUid()
                .equals(transaction)));
    }

    /** Orthanc (Debian package) as the requesting SCU: it releases after the N-ACTION and takes the report as SCP. */
    @Test
    void orthancRequestsCommitmentAndReceivesTheReportOnANewAssociation() throws Exception {
        assertThat(Path.of("/usr/sbin/Orthanc")).as("Orthanc (Debian package orthanc)").isExecutable();
        String study = uid();
        store(ctImage("o", study + ".1.1", study, "NOORDER2", "P-SC-3"));
        Eventually.event(eventStore, study, InstancesReceivedEvent.class, e -> true);

        int httpPort = FreePort.next();
        Path storage = Files.createDirectories(work.resolve("orthanc"));
        Path config = work.resolve("orthanc.json");
        Files.writeString(config, JSON.writeValueAsString(Map.of(
                "Name", "ris-it", "StorageDirectory", storage.toString(), "IndexDirectory", storage.toString(),
                "HttpPort", httpPort, "DicomPort", ORTHANC_DICOM_PORT, "DicomAet", "ORTHANC",
                "RemoteAccessAllowed", false, "AuthenticationEnabled", false, "Plugins", List.of(),
                "DicomModalities", Map.of("ris", List.of("RISPACS", "127.0.0.1", dicom.port())))));
        Process orthanc = new ProcessBuilder("/usr/sbin/Orthanc", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("orthanc.log").toFile()).start();
        try {
            RestClient rest = TestApi.client(httpPort);
            Eventually.eventually(() -> assertThat(rest.get().uri("/system").retrieve().body(JsonNode.class)
                    .get("DicomAet").asText()).isEqualTo("ORTHANC"));
            String never = uid();
            JsonNode requested = rest.post().uri("/modalities/ris/storage-commitment")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("DicomInstances", List.of(
                            Map.of("SOPClassUID", CT, "SOPInstanceUID", study + ".1.1"),
                            Map.of("SOPClassUID", CT, "SOPInstanceUID", never))))
                    .retrieve().body(JsonNode.class);
            String transaction = requested.get("ID").asText();
            JsonNode report = Eventually.eventually(() -> rest.get().uri("/storage-commitment/" + transaction)
                    .retrieve().body(JsonNode.class), r -> !"Pending".equals(r.get("Status").asText()));
            assertThat(report.get("Status").asText()).as(report.toString()).isEqualTo("Failure");
            assertThat(report.get("RemoteAET").asText()).isEqualTo("RISPACS");
            assertThat(report.get("Success")).hasSize(1);
            assertThat(report.get("Success").get(0).get("SOPInstanceUID").asText()).isEqualTo(study + ".1.1");
            assertThat(report.get("Failures")).hasSize(1);
            assertThat(report.get("Failures").get(0).get("SOPInstanceUID").asText()).isEqualTo(never);
            assertThat(report.get("Failures").get(0).get("FailureReason").asInt()).isEqualTo(0x0112);
        } finally {
            orthanc.destroy();
            orthanc.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String action(String transaction, String... instances) throws IOException {
        List<Map<String, String>> references = new ArrayList<>();
        for (String instance : instances) {
            references.add(Map.of("ReferencedSOPClassUID", CT, "ReferencedSOPInstanceUID", instance));
        }
        return JSON.writeValueAsString(Map.of("TransactionUID", transaction, "ReferencedSOPSequence", references));
    }

    /** One N-ACTION from dcmjs-dimse; its JSON lines once it has released the association. */
    private List<JsonNode> request(String callingAeTitle, int lingerMillis, String action, boolean awaitReport)
            throws Exception {
        return request(callingAeTitle, lingerMillis, action, awaitReport, "take-reports");
    }

    /**
     * A requestor that takes no report on its own association, so that the report must go to its
     * configured address, however soon the outcome is ready (before the requestor released or not).
     */
    private List<JsonNode> requestRefusingReportsOnTheAssociation(String callingAeTitle, String action)
            throws Exception {
        return request(callingAeTitle, 0, action, false, "refuse-reports");
    }

    private List<JsonNode> request(String callingAeTitle, int lingerMillis, String action, boolean awaitReport,
                                   String reportsOnTheAssociation) throws Exception {
        Process process = node("commitment.js", "request", "127.0.0.1", String.valueOf(dicom.port()),
                callingAeTitle, "RISPACS", String.valueOf(lingerMillis), action, reportsOnTheAssociation);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<JsonNode> lines = jsonLines(output);
        if (awaitReport) {
            assertThat(lines.stream().anyMatch(line -> line.has("report"))).as("report on the association:\n" + output)
                    .isTrue();
        }
        return lines;
    }

    private Process listen() throws Exception {
        return listen(MOD2_PORT, "MOD2");
    }

    private Process listen(int port, String aeTitle) throws Exception {
        Process process = node("commitment.js", "listen", String.valueOf(port), aeTitle, "60000");
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("{\"listening\"")) {
                listeners.put(process, out);
                return process;
            }
        }
        throw new AssertionError("the dcmjs-dimse listener did not start");
    }

    private JsonNode awaitReport(Process listener) throws Exception {
        BufferedReader out = listeners.get(listener);
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("{\"report\"")) {
                listener.waitFor(10, TimeUnit.SECONDS);
                return JSON.readTree(line).get("report");
            }
        }
        throw new AssertionError("no report reached the listener:\n" + seen);
    }

    private Process node(String script, String... arguments) throws IOException {
        Path path = Path.of("src", "test", "node", "mpps-scu", script).toAbsolutePath();
        assertThat(path.resolveSibling("node_modules").resolve("dcmjs-dimse")).as("npm ci ran").isDirectory();
        List<String> command = new ArrayList<>(List.of("node", path.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private JsonNode mpps(String operation, String uid, Map<String, Object> dataset) throws Exception {
        Process process = node("mpps.js", "127.0.0.1", String.valueOf(dicom.port()), "CT1", "RISPACS", operation,
                uid, JSON.writeValueAsString(dataset));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return jsonLines(output).stream().filter(line -> line.has("status")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no MPPS response:\n" + output));
    }

    /** dcmjs-dimse logs on the same stream; the script's answers are its JSON lines. */
    private static List<JsonNode> jsonLines(String output) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(l -> l.startsWith("{\"")).toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode find(List<JsonNode> lines, String key) {
        return lines.stream().filter(line -> line.has(key)).map(line -> line.get(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + key + "' in " + lines));
    }

    private void store(Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port())));
        for (Path file : files) {
            command.add(file.toString());
        }
        assertThat(DcmtkTools.run(command.toArray(String[]::new))).doesNotContain("Failed");
    }

    private Path ctImage(String name, String sop, String study, String accession, String patient) throws Exception {
        Path dump = work.resolve(name + ".dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI =CTImageStorage", "(0008,0018) UI [" + sop + "]",
                "(0008,0050) SH [" + accession + "]", "(0008,0060) CS [CT]", "(0010,0010) PN [Commit^Cleo]",
                "(0010,0020) LO [" + patient + "]", "(0010,0021) LO [HOSP]", "(0020,000d) UI [" + study + "]",
                "(0020,000e) UI [" + study + ".1]", "(7fe0,0010) OW 0001\\0002", ""));
        Path file = work.resolve(name + ".dcm");
        DcmtkTools.run("dump2dcm", dump.toString(), file.toString());
        return file;
    }

    private static String uid() {
        return "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    }

    private void send(Object command) {
        TestCommands.send(commands, "storage-commitment-it", command);
    }
}
