package org.rispacs.dicom.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.dimse.MessageSender;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.ul.association.AssociationHandler;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.Negotiation;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;
import org.rispacs.dicom.ul.pdu.RoleSelection;
import org.rispacs.dicom.ul.pdu.UserInformation;

/**
 * A DICOM service user (SCU) on one association, one request at a time: C-ECHO, C-STORE (data
 * sets of stored files are streamed from disk) and the normalized operations a modality uses
 * (N-CREATE and N-SET of an MPPS, N-ACTION of a storage commitment request, the answer to the
 * N-EVENT-REPORT that comes back on the association). {@link #request} sends a command set the
 * caller built, for what the typed operations do not cover (malformed requests on purpose).
 */
public final class DicomClient implements AutoCloseable {

    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("dicom-scu-artim"));

    private final Association association;
    private final BlockingQueue<Attributes> responses;
    private final AtomicInteger messageIds = new AtomicInteger();
    private final Duration responseTimeout;

    private DicomClient(Association association, BlockingQueue<Attributes> responses, Duration responseTimeout) {
        this.association = association;
        this.responses = responses;
        this.responseTimeout = responseTimeout;
    }

    /** Opens an association; fails with the rejection or the transport error. */
    public static DicomClient connect(InetSocketAddress peer, String callingAeTitle, String calledAeTitle,
                                      List<PresentationContextProposal> contexts, String implementationClassUid,
                                      AssociationSettings settings) throws IOException {
        return connect(peer, callingAeTitle, calledAeTitle, contexts, List.of(), implementationClassUid, settings);
    }

    /** Opens an association proposing SCP/SCU role selections too (PS3.7 D.3.3.4). */
    public static DicomClient connect(InetSocketAddress peer, String callingAeTitle, String calledAeTitle,
                                      List<PresentationContextProposal> contexts, List<RoleSelection> roles,
                                      String implementationClassUid, AssociationSettings settings)
            throws IOException {
        BlockingQueue<Attributes> responses = new LinkedBlockingQueue<>();
        ResponseCollector collector = new ResponseCollector(responses);
        AssociateRq request = new AssociateRq(1, calledAeTitle, callingAeTitle, Negotiation.DICOM_APPLICATION_CONTEXT,
                contexts, new UserInformation(settings.maxReceivePduLength(), implementationClassUid, "RISPACS",
                        null, roles, List.of()));
        try {
            Association association = Association.request(peer, request, settings, collector, TIMERS)
                    .get(settings.artimTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new DicomClient(association, responses, settings.idleTimeout());
        } catch (ExecutionException e) {
            throw new IOException("association with " + calledAeTitle + " at " + peer + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("association with " + calledAeTitle + " at " + peer + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public Association association() {
        return association;
    }

    /** C-ECHO; the response status. */
    public int echo() throws IOException {
        int contextId = contextFor("1.2.840.10008.1.1");
        Attributes command = Commands.request(CommandField.C_ECHO_RQ, messageIds.incrementAndGet(),
                "1.2.840.10008.1.1", null, false);
        MessageSender.send(association, contextId, Commands.encode(command), (byte[]) null);
        return awaitStatus();
    }

    /**
     * C-STORE of a Part 10 file, sent in the transfer syntax it is encoded in (it must have been
     * accepted for its SOP class); the response status.
     */
    public int store(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DicomReader reader = new DicomReader(in);
            Attributes meta = reader.readFileMetaInformation();
            String sopClass = meta.getString(Tags.MediaStorageSOPClassUID);
            String sopInstance = meta.getString(Tags.MediaStorageSOPInstanceUID);
            String transferSyntax = meta.getString(Tags.TransferSyntaxUID);
            Association.NegotiatedContext context = association.contextFor(sopClass, transferSyntax)
                    .orElseThrow(() -> new IOException("no accepted presentation context for " + sopClass + " in "
                            + transferSyntax));
            Attributes command = Commands.request(CommandField.C_STORE_RQ, messageIds.incrementAndGet(), sopClass,
                    sopInstance, true);
            MessageSender.send(association, context.id(), Commands.encode(command), reader.inputStream());
            return awaitStatus();
        }
    }

    /** N-CREATE of an instance with its attributes (an MPPS IN PROGRESS); the response command set. */
    public Attributes nCreate(String sopClass, String sopInstance, Attributes attributes) throws IOException {
        Attributes command = normalized(CommandField.N_CREATE_RQ);
        command.setString(Tags.AffectedSOPClassUID, VR.UI, sopClass);
        command.setString(Tags.AffectedSOPInstanceUID, VR.UI, sopInstance);
        return request(sopClass, command, encode(sopClass, attributes));
    }

    /** N-SET of an instance's attributes (an MPPS COMPLETED); the response command set. */
    public Attributes nSet(String sopClass, String sopInstance, Attributes modifications) throws IOException {
        Attributes command = normalized(CommandField.N_SET_RQ);
        command.setString(Tags.RequestedSOPClassUID, VR.UI, sopClass);
        command.setString(Tags.RequestedSOPInstanceUID, VR.UI, sopInstance);
        return request(sopClass, command, encode(sopClass, modifications));
    }

    /** N-ACTION on an instance (a storage commitment request: type 1); the response command set. */
    public Attributes nAction(String sopClass, String sopInstance, int actionTypeId, Attributes actionInformation)
            throws IOException {
        Attributes command = normalized(CommandField.N_ACTION_RQ);
        command.setString(Tags.RequestedSOPClassUID, VR.UI, sopClass);
        command.setString(Tags.RequestedSOPInstanceUID, VR.UI, sopInstance);
        command.setInt(Tags.ActionTypeID, VR.US, actionTypeId);
        return request(sopClass, command, encode(sopClass, actionInformation));
    }

    /**
     * Waits for the N-EVENT-REPORT the peer sends on this association (a storage commitment
     * report), answers it with success and returns its command set.
     */
    public Attributes acceptEventReport(Duration timeout) throws IOException {
        Attributes report = nextCommand(timeout);
        if (report.getInt(Tags.CommandField) != CommandField.N_EVENT_REPORT_RQ) {
            throw new IOException("expected an N-EVENT-REPORT, got command field " + report.getInt(Tags.CommandField));
        }
        String sopClass = report.getString(Tags.AffectedSOPClassUID);
        Attributes response = new Attributes();
        response.setString(Tags.AffectedSOPClassUID, VR.UI, sopClass);
        response.setInt(Tags.CommandField, VR.US, CommandField.responseTo(CommandField.N_EVENT_REPORT_RQ));
        response.setInt(Tags.MessageIDBeingRespondedTo, VR.US, report.getInt(Tags.MessageID));
        response.setInt(Tags.CommandDataSetType, VR.US, Commands.NO_DATA_SET);
        response.setInt(Tags.Status, VR.US, 0);
        response.setString(Tags.AffectedSOPInstanceUID, VR.UI, report.getString(Tags.AffectedSOPInstanceUID));
        MessageSender.send(association, contextFor(sopClass), Commands.encode(response), (byte[]) null);
        return report;
    }

    private static Attributes normalized(int commandField) {
        Attributes command = new Attributes();
        command.setInt(Tags.CommandField, VR.US, commandField);
        command.setInt(Tags.CommandDataSetType, VR.US, 0x0001);
        return command;
    }

    /** The data set in the transfer syntax accepted for the SOP class. */
    private byte[] encode(String sopClass, Attributes dataset) throws IOException {
        String uid = association.contextFor(sopClass).orElseThrow(() -> new IOException(sopClass + " not accepted"))
                .transferSyntax();
        TransferSyntax syntax = TransferSyntax.forUid(uid)
                .orElseThrow(() -> new IOException("unknown transfer syntax " + uid));
        return DicomWriter.encode(dataset, syntax);
    }

    /**
     * Sends a request whose command set the caller built (without Message ID) and an optional data
     * set encoded in the context's transfer syntax; the response command set.
     */
    public Attributes request(String sopClass, Attributes command, byte[] dataset) throws IOException {
        int contextId = contextFor(sopClass);
        command.setInt(Tags.MessageID, VR.US, messageIds.incrementAndGet());
        MessageSender.send(association, contextId, Commands.encode(command), dataset);
        return awaitResponse();
    }

    /**
     * The next command set the peer sent that no request of ours consumed: a response, or a
     * request it sends us on this association (an N-EVENT-REPORT); its data set is not kept.
     */
    public Attributes nextCommand(Duration timeout) throws IOException {
        try {
            Attributes command = responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (command == null) {
                throw new IOException("no command within " + timeout);
            }
            return command;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private int contextFor(String sopClass) throws IOException {
        return association.contextFor(sopClass).orElseThrow(() -> new IOException(sopClass + " not accepted")).id();
    }

    private int awaitStatus() throws IOException {
        return awaitResponse().getInt(Tags.Status);
    }

    private Attributes awaitResponse() throws IOException {
        try {
            Attributes response = responses.poll(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response == null) {
                throw new IOException("no response within " + responseTimeout);
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Releases the association and waits for the peer's answer. */
    @Override
    public void close() throws IOException {
        try {
            association.release().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            association.abort();
            throw new IOException("release failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class ResponseCollector implements AssociationHandler {

        private final BlockingQueue<Attributes> responses;
        private final java.io.ByteArrayOutputStream command = new java.io.ByteArrayOutputStream();

        ResponseCollector(BlockingQueue<Attributes> responses) {
            this.responses = responses;
        }

        @Override
        public Pdu associationRequested(Association association, AssociateRq request) {
            throw new IllegalStateException("a client does not accept associations");
        }

        @Override
        public void dataReceived(Association association, PresentationDataValue value) throws IOException {
            if (!value.command()) {
                return;
            }
            value.writeTo(command);
            if (value.last()) {
                responses.add(Commands.decode(command.toByteArray()));
                command.reset();
            }
        }
    }
}
