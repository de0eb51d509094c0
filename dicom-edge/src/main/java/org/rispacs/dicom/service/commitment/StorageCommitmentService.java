package org.rispacs.dicom.service.commitment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.PeerRequests;
import org.rispacs.dicom.dimse.Status;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.RoleSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage Commitment Push Model SOP Class SCP (PS3.4 Annex J). An N-ACTION (Request Storage
 * Commitment) is kept durably and answered at once; the referenced instances are then checked and
 * the outcome reported with an N-EVENT-REPORT: on the requestor's association while it stays
 * open, otherwise on a new association to the address configured for its AE title, on which we
 * propose the SOP class in the SCP role (PS3.4 J.3.3). A report that cannot be delivered is
 * retried; pending transactions survive a restart ({@link #resume()}). One given up after its last
 * attempt is handed to {@link UndeliveredReports} (the workflow's interface health) and kept aside:
 * it is sent again on request ({@link #resendGivenUp(String)}), and at start when it was given up
 * for want of an address and its requester's address is now configured.
 */
public final class StorageCommitmentService implements DimseService, AutoCloseable {

    public static final String SOP_CLASS = "1.2.840.10008.1.20.1";
    public static final String WELL_KNOWN_INSTANCE = "1.2.840.10008.1.20.1.1";

    private static final Logger log = LoggerFactory.getLogger(StorageCommitmentService.class);
    private static final int REQUEST_STORAGE_COMMITMENT = 1;
    private static final int NO_SUCH_SOP_INSTANCE = 0x0112;
    private static final int INVALID_ARGUMENT_VALUE = 0x0115;
    private static final int NO_SUCH_ACTION_TYPE = 0x0123;
    private static final int MAX_UID = 64;
    private static final List<String> SYNTAXES = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());

    /**
     * @param responseTimeout how long to wait for the N-EVENT-REPORT-RSP
     * @param retryInterval   the pause after a failed delivery
     * @param maxAttempts     deliveries tried before the report is given up
     */
    public record Settings(String implementationClassUid, AssociationSettings association, Duration responseTimeout,
                           Duration retryInterval, int maxAttempts) {
    }

    private final StorageCommitments commitments;
    private final PendingCommitments pending;
    private final ReportDestinations destinations;
    private final UndeliveredReports undelivered;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    /** Requests whose N-ACTION-RSP is about to go: their work starts once it has. */
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    private record Accepted(CommitmentRequest request, PeerRequests peer, int contextId, String transferSyntax) {
    }

    public StorageCommitmentService(StorageCommitments commitments, PendingCommitments pending,
                                    ReportDestinations destinations, UndeliveredReports undelivered,
                                    Settings settings, Clock clock) {
        this.commitments = commitments;
        this.pending = pending;
        this.destinations = destinations;
        this.undelivered = undelivered;
        this.settings = settings;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("storage-commitment"));
    }

    @Override
    public boolean serves(String sopClassUid) {
        return SOP_CLASS.equals(sopClassUid);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClassUid) {
        return Set.copyOf(SYNTAXES);
    }

    @Override
    public DimseResponse request(DimseRequest request) {
        if (request.commandField() != CommandField.N_ACTION_RQ) {
            return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "Storage Commitment SCP supports N-ACTION");
        }
        return DimseResponse.failure(INVALID_ARGUMENT_VALUE, "N-ACTION without its action information");
    }

    @Override
    public DimseResponse request(DimseRequest request, byte[] dataset) throws IOException {
        if (request.commandField() != CommandField.N_ACTION_RQ) {
            return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "Storage Commitment SCP supports N-ACTION");
        }
        String instance = request.command().getString(Tags.RequestedSOPInstanceUID);
        if (!WELL_KNOWN_INSTANCE.equals(instance)) {
            return DimseResponse.failure(NO_SUCH_SOP_INSTANCE, "Requested SOP Instance must be "
                    + WELL_KNOWN_INSTANCE);
        }
        Integer actionType = request.command().getInt(Tags.ActionTypeID);
        if (actionType == null || actionType != REQUEST_STORAGE_COMMITMENT) {
            return DimseResponse.failure(NO_SUCH_ACTION_TYPE, "Action Type ID must be 1, not " + actionType);
        }
        Attributes action;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(dataset))) {
            action = reader.readDataset(TransferSyntax.forUid(request.context().transferSyntax()).orElseThrow());
        } catch (DicomFormatException malformed) {
            return DimseResponse.failure(INVALID_ARGUMENT_VALUE, "malformed action information");
        }
        String transactionUid = action.getString(Tags.TransactionUID);
        if (!isUid(transactionUid)) {
            return DimseResponse.failure(INVALID_ARGUMENT_VALUE, "Transaction UID (0008,1195) is missing or invalid");
        }
        Sequence referenced = action.getSequence(Tags.ReferencedSOPSequence);
        if (referenced == null || referenced.isEmpty()) {
            return DimseResponse.failure(INVALID_ARGUMENT_VALUE, "Referenced SOP Sequence (0008,1199) is empty");
        }
        List<CommitmentRequest.Reference> references = new ArrayList<>();
        for (Attributes item : referenced) {
            String sopClass = item.getString(Tags.ReferencedSOPClassUID);
            String sopInstance = item.getString(Tags.ReferencedSOPInstanceUID);
            if (!isUid(sopClass) || !isUid(sopInstance)) {
                return DimseResponse.failure(INVALID_ARGUMENT_VALUE, "a Referenced SOP Sequence item lacks"
                        + " a valid SOP class or instance UID");
            }
            references.add(new CommitmentRequest.Reference(sopClass, sopInstance));
        }
        CommitmentRequest commitment = new CommitmentRequest(transactionUid, request.association().callingAeTitle(),
                request.association().calledAeTitle(), references, clock.instant());
        if (pending.add(commitment)) {
            accepted.put(key(request), new Accepted(commitment, request.peer(), request.context().id(),
                    request.context().transferSyntax()));
            log.info("Storage commitment {} from {}: {} instances", transactionUid, commitment.requesterAeTitle(),
                    references.size());
        } else {
            log.info("Storage commitment {} from {} is already pending; its report will follow", transactionUid,
                    commitment.requesterAeTitle());
        }
        Attributes elements = new Attributes();
        elements.setInt(Tags.ActionTypeID, VR.US, REQUEST_STORAGE_COMMITMENT);
        return new DimseResponse(Status.SUCCESS, null, null, elements);
    }

    @Override
    public void responded(DimseRequest request, DimseResponse response) {
        Accepted work = accepted.remove(key(request));
        if (work != null) {
            worker.execute(() -> process(work.request(), null, 0, work, false));
        }
    }

    /**
     * Picks up transactions a stop left without their report, and sends again the reports given up
     * for want of an address whose requester now has one; call once the workflow runs.
     */
    public int resume() {
        List<PendingCommitments.Pending> left = pending.all();
        for (PendingCommitments.Pending transaction : left) {
            worker.execute(() -> process(transaction.request(), transaction.result(), transaction.failedAttempts(),
                    null, transaction.givenUpBefore()));
        }
        if (!left.isEmpty()) {
            log.warn("Resuming {} storage commitment transactions a stop interrupted", left.size());
        }
        int addressed = 0;
        for (PendingCommitments.Pending aside : pending.givenUp()) {
            if (aside.unaddressed() && destinations.addressOf(aside.request().requesterAeTitle()).isPresent()
                    && resend(aside)) {
                addressed++;
            }
        }
        if (addressed > 0) {
            log.warn("Sending again {} storage commitment reports given up before their requester's address was"
                    + " configured", addressed);
        }
        return left.size() + addressed;
    }

    /**
     * Sends again every report given up for this requester (any requester when null), starting a
     * new round of attempts; returns how many.
     */
    public int resendGivenUp(String requesterAeTitle) {
        int count = 0;
        for (PendingCommitments.Pending aside : pending.givenUp()) {
            boolean theirs = requesterAeTitle == null
                    || aside.request().requesterAeTitle().equalsIgnoreCase(requesterAeTitle.trim());
            if (theirs && resend(aside)) {
                count++;
            }
        }
        if (count > 0) {
            log.info("Sending again {} storage commitment reports given up{}", count,
                    requesterAeTitle == null ? "" : " for " + requesterAeTitle);
        }
        return count;
    }

    private boolean resend(PendingCommitments.Pending aside) {
        if (!pending.resend(aside.request().transactionUid())) {
            return false;
        }
        worker.execute(() -> process(aside.request(), aside.result(), 0, null, true));
        return true;
    }

    private void process(CommitmentRequest request, CommitmentResult known, int failedAttempts, Accepted origin,
                         boolean resent) {
        CommitmentResult result = known;
        try {
            if (result == null) {
                result = commitments.commit(request);
                pending.verified(request.transactionUid(), result);
            }
        } catch (RuntimeException e) {
            log.error("Storage commitment {}: verification failed; retrying in {}", request.transactionUid(),
                    settings.retryInterval(), e);
            worker.schedule(() -> process(request, null, failedAttempts, null, resent),
                    settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        deliver(request, result, failedAttempts, origin, resent);
    }

    private void deliver(CommitmentRequest request, CommitmentResult result, int failedAttempts, Accepted origin,
                         boolean resent) {
        if (origin != null && origin.peer() != null && origin.peer().open() && reportOnSameAssociation(request,
                result, origin)) {
            pending.finished(request.transactionUid());
            return;
        }
        try {
            reportOnNewAssociation(request, result);
            if (resent) {
                deliveredAfterGivingUp(request, failedAttempts + 1);
            } else {
                pending.finished(request.transactionUid());
            }
        } catch (IOException | RuntimeException e) {
            int attempts = failedAttempts + 1;
            pending.attemptFailed(request.transactionUid());
            if (attempts >= settings.maxAttempts()) {
                log.error("Storage commitment {}: report to {} given up after {} attempts: {}",
                        request.transactionUid(), request.requesterAeTitle(), attempts, e.getMessage());
                giveUp(request, result, attempts, e.getMessage() != null ? e.getMessage() : e.toString(),
                        e instanceof NoAddressException);
                return;
            }
            log.warn("Storage commitment {}: report to {} failed ({}); attempt {} of {} in {}",
                    request.transactionUid(), request.requesterAeTitle(), e.getMessage(), attempts + 1,
                    settings.maxAttempts(), settings.retryInterval());
            worker.schedule(() -> deliver(request, result, attempts, null, resent),
                    settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void giveUp(CommitmentRequest request, CommitmentResult result, int attempts, String lastError,
                        boolean unaddressed) {
        try {
            undelivered.givenUp(request, result, attempts, lastError);
        } catch (RuntimeException e) {
            log.error("Storage commitment {}: giving up its report could not be recorded; trying again in {}",
                    request.transactionUid(), settings.retryInterval(), e);
            worker.schedule(() -> giveUp(request, result, attempts, lastError, unaddressed),
                    settings.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        pending.givenUp(request.transactionUid(), unaddressed);
    }

    /** The report reached its requester; the transaction stays until the workflow knows, so that its alert clears. */
    private void deliveredAfterGivingUp(CommitmentRequest request, int attempts) {
        try {
            undelivered.deliveredAfterGivingUp(request, attempts);
        } catch (RuntimeException e) {
            log.error("Storage commitment {}: the delivery of its report sent again could not be recorded; trying"
                    + " again in {}", request.transactionUid(), settings.retryInterval(), e);
            worker.schedule(() -> deliveredAfterGivingUp(request, attempts), settings.retryInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        pending.finished(request.transactionUid());
    }

    private boolean reportOnSameAssociation(CommitmentRequest request, CommitmentResult result, Accepted origin) {
        try {
            Attributes response = origin.peer().send(origin.contextId(), reportCommand(result),
                    reportDataset(request, result, origin.transferSyntax()), settings.responseTimeout());
            int status = response.getInt(Tags.Status);
            if (status == Status.SUCCESS) {
                log.info("Storage commitment {}: reported on the requestor's association (event type {})",
                        request.transactionUid(), result.eventTypeId());
                return true;
            }
            log.info("Storage commitment {}: the requestor answered the report with 0x{}; trying a new association",
                    request.transactionUid(), Integer.toHexString(status));
        } catch (IOException e) {
            log.info("Storage commitment {}: report on the requestor's association failed ({}); trying a new one",
                    request.transactionUid(), e.getMessage());
        }
        return false;
    }

    private void reportOnNewAssociation(CommitmentRequest request, CommitmentResult result) throws IOException {
        Optional<InetSocketAddress> address = destinations.addressOf(request.requesterAeTitle());
        if (address.isEmpty()) {
            throw new NoAddressException("no address is configured for AE title " + request.requesterAeTitle());
        }
        List<PresentationContextProposal> contexts = List.of(new PresentationContextProposal(1, SOP_CLASS, SYNTAXES));
        try (DicomClient client = DicomClient.connect(address.get(), request.ourAeTitle(),
                request.requesterAeTitle(), contexts, List.of(new RoleSelection(SOP_CLASS, false, true)),
                settings.implementationClassUid(), settings.association())) {
            boolean scpRoleRefused = client.association().acceptance().stream()
                    .flatMap(ac -> ac.userInformation().roleSelections().stream())
                    .anyMatch(role -> SOP_CLASS.equals(role.sopClassUid()) && !role.scp());
            if (scpRoleRefused) {
                throw new IOException(request.requesterAeTitle() + " refused us the SCP role for Storage Commitment");
            }
            String syntax = client.association().contextFor(SOP_CLASS)
                    .orElseThrow(() -> new IOException(request.requesterAeTitle()
                            + " did not accept the Storage Commitment SOP class")).transferSyntax();
            Attributes response = client.request(SOP_CLASS, reportCommand(result),
                    reportDataset(request, result, syntax));
            int status = response.getInt(Tags.Status);
            if (status != Status.SUCCESS) {
                throw new IOException(request.requesterAeTitle() + " answered the report with status 0x"
                        + Integer.toHexString(status));
            }
        }
        log.info("Storage commitment {}: reported to {} at {} on a new association (event type {})",
                request.transactionUid(), request.requesterAeTitle(), address.get(), result.eventTypeId());
    }

    private static Attributes reportCommand(CommitmentResult result) {
        Attributes command = Commands.request(CommandField.N_EVENT_REPORT_RQ, 0, SOP_CLASS, WELL_KNOWN_INSTANCE,
                true);
        command.setInt(Tags.EventTypeID, VR.US, result.eventTypeId());
        return command;
    }

    /** The Event Information of PS3.4 Table J.3-2. */
    static byte[] reportDataset(CommitmentRequest request, CommitmentResult result, String transferSyntax) {
        Attributes report = new Attributes();
        report.setString(Tags.TransactionUID, VR.UI, request.transactionUid());
        if (!result.committed().isEmpty()) {
            report.setString(Tags.RetrieveAETitle, VR.AE, request.ourAeTitle());
            Sequence committed = report.newSequence(Tags.ReferencedSOPSequence);
            for (CommitmentRequest.Reference reference : result.committed()) {
                Attributes item = committed.addNewItem();
                item.setString(Tags.ReferencedSOPClassUID, VR.UI, reference.sopClassUid());
                item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, reference.sopInstanceUid());
            }
        }
        if (!result.failed().isEmpty()) {
            Sequence failed = report.newSequence(Tags.FailedSOPSequence);
            for (CommitmentResult.Failure failure : result.failed()) {
                Attributes item = failed.addNewItem();
                item.setString(Tags.ReferencedSOPClassUID, VR.UI, failure.reference().sopClassUid());
                item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, failure.reference().sopInstanceUid());
                item.setInt(Tags.FailureReason, VR.US, failure.reason());
            }
        }
        return DicomWriter.encode(report, TransferSyntax.forUid(transferSyntax).orElseThrow());
    }

    private static String key(DimseRequest request) {
        return request.association().id() + "/" + request.messageId();
    }

    private static boolean isUid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= MAX_UID && uid.matches("[0-9]+(\\.[0-9]+)*");
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** The requester has no configured address: sent again at a start that finds one. */
    private static final class NoAddressException extends IOException {
        NoAddressException(String message) {
            super(message);
        }
    }
}
