package org.rispacs.dicom.service.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;

/**
 * The N-ACTION's statuses and the report's event information, over a real association with our
 * own client as the requestor (the peers of other implementations are in the application's ITs).
 */
class StorageCommitmentServiceTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final AssociationSettings SETTINGS = new AssociationSettings(64 * 1024, Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    private final List<CommitmentRequest> verified = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryPending pending = new InMemoryPending();
    private final List<String> givenUp = Collections.synchronizedList(new ArrayList<>());
    private StorageCommitmentService service;
    private DicomServer server;

    @BeforeEach
    void start() throws Exception {
        StorageCommitments archive = request -> {
            verified.add(request);
            List<CommitmentRequest.Reference> ok = new ArrayList<>();
            List<CommitmentResult.Failure> failed = new ArrayList<>();
            for (CommitmentRequest.Reference reference : request.references()) {
                if (reference.sopInstanceUid().endsWith(".9")) {
                    failed.add(new CommitmentResult.Failure(reference, CommitmentResult.NO_SUCH_OBJECT_INSTANCE));
                } else {
                    ok.add(reference);
                }
            }
            return new CommitmentResult(ok, failed);
        };
        service = new StorageCommitmentService(archive, pending, aeTitle -> Optional.<InetSocketAddress>empty(),
                (request, result, attempts, lastError) -> givenUp.add(request.transactionUid() + " after " + attempts
                        + ": " + lastError),
                new StorageCommitmentService.Settings("1.2.826.0.1.3680043.10.1", SETTINGS, Duration.ofSeconds(1),
                        Duration.ofMinutes(5), 1), Clock.systemUTC());
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1", "TEST"),
                SETTINGS, 4), List.of(service));
    }

    @AfterEach
    void stop() {
        server.close();
        service.close();
    }

    @Test
    void anAcceptedRequestIsAnsweredThenReportedOnTheSameAssociation() throws Exception {
        try (DicomClient client = connect()) {
            Attributes response = client.nAction(StorageCommitmentService.SOP_CLASS,
                    StorageCommitmentService.WELL_KNOWN_INSTANCE, 1,
                    actionAttributes("2.25.77", "2.25.1.1", "2.25.1.9"));
            assertThat(response.getInt(Tags.Status)).isZero();
            assertThat(response.getInt(Tags.CommandField)).isEqualTo(CommandField.responseTo(CommandField.N_ACTION_RQ));
            assertThat(response.getInt(Tags.ActionTypeID)).isEqualTo(1);

            // the report's request comes next on the association, and our client answers it
            Attributes report = client.acceptEventReport(Duration.ofSeconds(10));
            assertThat(report.getInt(Tags.CommandField)).isEqualTo(CommandField.N_EVENT_REPORT_RQ);
            assertThat(report.getInt(Tags.EventTypeID)).isEqualTo(2);
            assertThat(report.getString(Tags.AffectedSOPInstanceUID))
                    .isEqualTo(StorageCommitmentService.WELL_KNOWN_INSTANCE);
        }
        assertThat(verified).hasSize(1);
        assertThat(verified.get(0).requesterAeTitle()).isEqualTo("MOD1");
        assertThat(verified.get(0).references()).extracting(CommitmentRequest.Reference::sopInstanceUid)
                .containsExactly("2.25.1.1", "2.25.1.9");
    }

    @Test
    void theReportCarriesCommittedAndFailedReferences() throws Exception {
        CommitmentRequest request = new CommitmentRequest("2.25.78", "MOD1", "RISPACS", List.of(
                new CommitmentRequest.Reference(CT, "2.25.1.1"), new CommitmentRequest.Reference(CT, "2.25.1.9")),
                Instant.now());
        CommitmentResult result = new CommitmentResult(List.of(request.references().get(0)),
                List.of(new CommitmentResult.Failure(request.references().get(1), 0x0110)));
        Attributes report;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(
                StorageCommitmentService.reportDataset(request, result, EXPLICIT)))) {
            report = reader.readDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }
        assertThat(report.getString(Tags.TransactionUID)).isEqualTo("2.25.78");
        assertThat(report.getString(Tags.RetrieveAETitle)).isEqualTo("RISPACS");
        assertThat(report.getSequence(Tags.ReferencedSOPSequence).get(0).getString(Tags.ReferencedSOPInstanceUID))
                .isEqualTo("2.25.1.1");
        Attributes failure = report.getSequence(Tags.FailedSOPSequence).get(0);
        assertThat(failure.getString(Tags.ReferencedSOPClassUID)).isEqualTo(CT);
        assertThat(failure.getString(Tags.ReferencedSOPInstanceUID)).isEqualTo("2.25.1.9");
        assertThat(failure.getInt(Tags.FailureReason)).isEqualTo(0x0110);
        assertThat(result.eventTypeId()).isEqualTo(2);
    }

    @Test
    void malformedRequestsAreRefusedWithTheirStatusAndNothingIsKept() throws Exception {
        try (DicomClient client = connect()) {
            assertThat(client.request(StorageCommitmentService.SOP_CLASS, action("1.2.3", 1),
                    actionInformation("2.25.79", "2.25.1.1")).getInt(Tags.Status)).isEqualTo(0x0112);
            assertThat(client.request(StorageCommitmentService.SOP_CLASS,
                    action(StorageCommitmentService.WELL_KNOWN_INSTANCE, 2),
                    actionInformation("2.25.80", "2.25.1.1")).getInt(Tags.Status)).isEqualTo(0x0123);
            Attributes noTransaction = client.request(StorageCommitmentService.SOP_CLASS,
                    action(StorageCommitmentService.WELL_KNOWN_INSTANCE, 1), actionInformation(null, "2.25.1.1"));
            assertThat(noTransaction.getInt(Tags.Status)).isEqualTo(0x0115);
            assertThat(noTransaction.getString(Tags.ErrorComment)).contains("Transaction UID");
            assertThat(client.request(StorageCommitmentService.SOP_CLASS,
                    action(StorageCommitmentService.WELL_KNOWN_INSTANCE, 1), actionInformation("2.25.81"))
                    .getInt(Tags.Status)).isEqualTo(0x0115);
            assertThat(client.request(StorageCommitmentService.SOP_CLASS,
                    action(StorageCommitmentService.WELL_KNOWN_INSTANCE, 1), actionInformation("2.25.82", "x.y"))
                    .getInt(Tags.Status)).isEqualTo(0x0115);
        }
        assertThat(pending.transactions).isEmpty();
        assertThat(verified).isEmpty();
    }

    @Test
    void aReportThatCannotBeDeliveredStaysPendingUntilGivenUp() throws Exception {
        pending.add(new CommitmentRequest("2.25.83", "NOWHERE", "RISPACS",
                List.of(new CommitmentRequest.Reference(CT, "2.25.1.1")), Instant.now()));
        assertThat(service.resume()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(pending.transactions::isEmpty);
        // one attempt allowed, no address configured: verified, attempted once, given up
        assertThat(pending.transactions).isEmpty();
        assertThat(pending.failedAttempts).containsEntry("2.25.83", 1);
        assertThat(verified).hasSize(1);
        assertThat(givenUp).containsExactly("2.25.83 after 1: no address is configured for AE title NOWHERE");
    }

    @Test
    void aReportGivenUpForWantOfAnAddressIsSentAgainAtTheStartThatFindsOne() throws Exception {
        pending.add(new CommitmentRequest("2.25.85", "LATER", "RISPACS",
                List.of(new CommitmentRequest.Reference(CT, "2.25.1.1")), Instant.now()));
        service.resume();
        awaitGivenUp("2.25.85", 1);
        assertThat(pending.aside.get("2.25.85").unaddressed()).isTrue();
        assertThat(pending.transactions).isEmpty();

        // a restart without the address: kept aside, not tried
        try (StorageCommitmentService restarted = restartedWith(aeTitle -> Optional.empty())) {
            assertThat(restarted.resume()).isZero();
            assertThat(pending.aside).containsKey("2.25.85");
        }
        // a restart with the address configured: sent again (here the peer is down: given up again)
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        InetSocketAddress later = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
        try (StorageCommitmentService restarted = restartedWith(aeTitle -> Optional.of(later))) {
            assertThat(restarted.resume()).isEqualTo(1);
            awaitGivenUp("2.25.85", 2);
            assertThat(givenUp.get(1)).startsWith("2.25.85 after 1: ").doesNotContain("no address");
            assertThat(pending.aside.get("2.25.85").unaddressed()).isFalse();
            assertThat(verified).as("the verified outcome is reported, not recomputed").hasSize(1);
            // given up with an address: only an operator sends it again
            assertThat(restarted.resume()).isZero();
            assertThat(restarted.resendGivenUp("other")).isZero();
            assertThat(restarted.resendGivenUp("later")).isEqualTo(1);
            awaitGivenUp("2.25.85", 3);
        }
    }

    private void awaitGivenUp(String transactionUid, int times) {
        await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> givenUp.size() >= times && pending.aside.containsKey(transactionUid));
        assertThat(givenUp).hasSize(times);
        assertThat(pending.aside).containsKey(transactionUid);
    }

    private StorageCommitmentService restartedWith(ReportDestinations destinations) {
        return new StorageCommitmentService(request -> {
            verified.add(request);
            return new CommitmentResult(request.references(), List.of());
        }, pending, destinations, (request, result, attempts, lastError) -> givenUp.add(request.transactionUid()
                + " after " + attempts + ": " + lastError),
                new StorageCommitmentService.Settings("1.2.826.0.1.3680043.10.1", SETTINGS, Duration.ofSeconds(1),
                        Duration.ofMinutes(5), 1), Clock.systemUTC());
    }

    @Test
    void aGivenUpReportThatCannotBeRecordedStaysPendingAndIsRecordedLater() throws Exception {
        List<String> recorded = Collections.synchronizedList(new ArrayList<>());
        int[] calls = {0};
        UndeliveredReports failingOnce = (request, result, attempts, lastError) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("the workflow is not reachable");
            }
            recorded.add(request.transactionUid());
        };
        try (StorageCommitmentService quick = new StorageCommitmentService(
                request -> new CommitmentResult(request.references(), List.of()), pending,
                aeTitle -> Optional.<InetSocketAddress>empty(), failingOnce,
                new StorageCommitmentService.Settings("1.2.826.0.1.3680043.10.1", SETTINGS, Duration.ofSeconds(1),
                        Duration.ofMillis(100), 1), Clock.systemUTC())) {
            pending.add(new CommitmentRequest("2.25.84", "NOWHERE", "RISPACS",
                    List.of(new CommitmentRequest.Reference(CT, "2.25.1.1")), Instant.now()));
            quick.resume();
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> {
                boolean kept = pending.transactions.containsKey("2.25.84");
                if (!recorded.isEmpty()) {
                    return true;
                }
                assertThat(kept).as("kept until giving up is recorded").isTrue();
                return false;
            });
            assertThat(recorded).containsExactly("2.25.84");
            assertThat(calls[0]).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(pending.transactions::isEmpty);
        }
    }

    private DicomClient connect() throws Exception {
        return DicomClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "MOD1",
                "RISPACS", List.of(new PresentationContextProposal(1, StorageCommitmentService.SOP_CLASS,
                        List.of(EXPLICIT))), "1.2.826.0.1.3680043.10.2", SETTINGS);
    }

    private static Attributes action(String instance, int actionType) {
        Attributes command = new Attributes();
        command.setString(Tags.RequestedSOPClassUID, VR.UI, StorageCommitmentService.SOP_CLASS);
        command.setInt(Tags.CommandField, VR.US, CommandField.N_ACTION_RQ);
        command.setInt(Tags.CommandDataSetType, VR.US, 0x0001);
        command.setString(Tags.RequestedSOPInstanceUID, VR.UI, instance);
        command.setInt(Tags.ActionTypeID, VR.US, actionType);
        return command;
    }

    private static byte[] actionInformation(String transactionUid, String... instances) {
        return DicomWriter.encode(actionAttributes(transactionUid, instances),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private static Attributes actionAttributes(String transactionUid, String... instances) {
        Attributes action = new Attributes();
        if (transactionUid != null) {
            action.setString(Tags.TransactionUID, VR.UI, transactionUid);
        }
        Sequence references = action.newSequence(Tags.ReferencedSOPSequence);
        for (String instance : instances) {
            Attributes item = references.addNewItem();
            item.setString(Tags.ReferencedSOPClassUID, VR.UI, CT);
            item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, instance);
        }
        return action;
    }

    private static final class InMemoryPending implements PendingCommitments {

        final Map<String, Pending> transactions = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, Integer> failedAttempts = Collections.synchronizedMap(new LinkedHashMap<>());

        @Override
        public boolean add(CommitmentRequest request) {
            return transactions.putIfAbsent(request.transactionUid(), new Pending(request, null, 0)) == null;
        }

        @Override
        public void verified(String transactionUid, CommitmentResult result) {
            transactions.computeIfPresent(transactionUid, (uid, p) -> new Pending(p.request(), result,
                    p.failedAttempts()));
        }

        @Override
        public void attemptFailed(String transactionUid) {
            failedAttempts.merge(transactionUid, 1, Integer::sum);
        }

        final Map<String, Pending> aside = Collections.synchronizedMap(new LinkedHashMap<>());

        @Override
        public void finished(String transactionUid) {
            transactions.remove(transactionUid);
        }

        @Override
        public void givenUp(String transactionUid, boolean unaddressed) {
            Pending p = transactions.remove(transactionUid);
            aside.put(transactionUid, new Pending(p.request(), p.result(), p.failedAttempts(), true, unaddressed));
        }

        @Override
        public List<Pending> all() {
            return List.copyOf(transactions.values());
        }

        @Override
        public List<Pending> givenUp() {
            return List.copyOf(aside.values());
        }

        @Override
        public boolean resend(String transactionUid) {
            Pending p = aside.remove(transactionUid);
            if (p == null) {
                return false;
            }
            transactions.put(transactionUid, new Pending(p.request(), p.result(), 0, true, p.unaddressed()));
            return true;
        }
    }
}
