package org.rispacs.dicom.dimse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.ul.association.AssociationHandler;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.rispacs.dicom.ul.negotiation.Negotiation;
import org.rispacs.dicom.ul.pdu.Abort;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PduFormatException;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DIMSE service provider of one accepted association: negotiates from the registered
 * services, reassembles each request from its fragments (PS3.7 operations window of one),
 * hands its data set to the service as it arrives, and sends the service's response.
 */
public final class DimseProvider implements AssociationHandler {

    private static final Logger log = LoggerFactory.getLogger(DimseProvider.class);
    private static final int MAX_COMMAND_LENGTH = 64 * 1024;

    private final AcceptorPolicy.Identity identity;
    private final List<DimseService> services;
    private final Map<Integer, ByteArrayOutputStream> commandFragments = new HashMap<>();
    private DimseRequest pending;
    private DatasetReceiver receiver;
    /** The multi-response request running beside the reader, if any (operations window of one). */
    private volatile MultiResponse running;
    private PeerRequests peer;
    /** The service answering the pending request, told when its response has gone. */
    private DimseService answering;

    public DimseProvider(AcceptorPolicy.Identity identity, List<DimseService> services) {
        this.identity = identity;
        this.services = List.copyOf(services);
    }

    @Override
    public Pdu associationRequested(Association association, AssociateRq request) {
        return Negotiation.answer(request, new AcceptorPolicy(identity, sopClass -> serviceFor(sopClass)
                .map(service -> service.transferSyntaxes(sopClass)).orElse(Set.of()),
                sopClass -> services.stream().anyMatch(service -> service.sendsAsScu(sopClass))));
    }

    private Optional<DimseService> serviceFor(String sopClassUid) {
        return services.stream().filter(service -> service.serves(sopClassUid)).findFirst();
    }

    @Override
    public void dataReceived(Association association, PresentationDataValue value) throws Exception {
        if (value.command()) {
            if (receiver != null) {
                throw new PduFormatException(Abort.UNEXPECTED_PDU_PARAMETER,
                        "a command arrived before the previous request's data set was complete");
            }
            ByteArrayOutputStream command = commandFragments.computeIfAbsent(value.presentationContextId(),
                    id -> new ByteArrayOutputStream());
            if (command.size() + value.length() > MAX_COMMAND_LENGTH) {
                throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE, "command set exceeds 64 KiB");
            }
            value.writeTo(command);
            if (value.last()) {
                commandFragments.remove(value.presentationContextId());
                commandComplete(association, value.presentationContextId(), command.toByteArray());
            }
        } else {
            if (receiver == null || pending.context().id() != value.presentationContextId()) {
                throw new PduFormatException(Abort.UNEXPECTED_PDU_PARAMETER,
                        "data set fragment without a request awaiting one on context " + value.presentationContextId());
            }
            receiver.data(value.buffer(), value.offset(), value.length());
            if (value.last()) {
                DatasetReceiver completed = receiver;
                receiver = null;
                respond(completed.complete());
            }
        }
    }

    private void commandComplete(Association association, int contextId, byte[] bytes) throws IOException {
        Attributes command;
        try {
            command = Commands.decode(bytes);
        } catch (DicomFormatException malformed) {
            // as the conformance statement (2.1) says: a command set we cannot read aborts the association
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "unreadable command set: " + malformed.getMessage());
        }
        Association.NegotiatedContext context = association.context(contextId).orElseThrow();
        if (peer == null) {
            peer = new PeerRequests(association);
        }
        Integer field = command.getInt(org.rispacs.dicom.data.Tags.CommandField);
        if (field != null && CommandField.isResponse(field)) {
            responseArrived(association, context, command);
            return;
        }
        if (field != null && field == CommandField.C_CANCEL_RQ) {
            cancel(command);
            return;
        }
        if (field == null || command.getInt(org.rispacs.dicom.data.Tags.MessageID) == null) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE, "command set without field or message id");
        }
        pending = new DimseRequest(association, context, command, peer);
        if (running != null) {
            throw new PduFormatException(Abort.UNEXPECTED_PDU_PARAMETER,
                    "a request arrived while message " + running.request.messageId() + " is still being answered"
                            + " (asynchronous operations are not supported)");
        }
        Optional<DimseService> service = serviceFor(context.abstractSyntax());
        answering = service.orElse(null);
        if (service.isPresent() && Commands.hasDataset(command) && service.get().respondsMoreThanOnce(pending)) {
            receiver = new AnsweringReceiver(pending, multiResponse(service.get(), pending));
        } else if (Commands.hasDataset(command)) {
            receiver = service.<DatasetReceiver>map(s -> new AnsweringReceiver(pending, s.requestWithDataset(pending)))
                    .orElseGet(() -> discardingReceiver(Status.SOP_CLASS_NOT_SUPPORTED));
        } else {
            respond(service.isPresent() ? service.get().request(pending)
                    : DimseResponse.failure(Status.SOP_CLASS_NOT_SUPPORTED, null));
        }
    }

    /**
     * C-CANCEL-RQ names the request it cancels by Message ID Being Responded To and carries no
     * Message ID of its own (PS3.7 9.3.2.3, 9.1.5); a cancel of a request no longer running (its
     * last response crossed the cancel) is ignored, as PS3.7 allows.
     */
    private void cancel(Attributes command) throws PduFormatException {
        Integer target = command.getInt(org.rispacs.dicom.data.Tags.MessageIDBeingRespondedTo);
        if (target == null) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "C-CANCEL without Message ID Being Responded To");
        }
        MultiResponse current = running;
        if (current != null && current.request.messageId() == target) {
            current.cancelled = true;
        }
    }

    /** The response to a request we sent on this association (N-EVENT-REPORT-RSP). */
    private void responseArrived(Association association, Association.NegotiatedContext context,
                                 Attributes command) throws PduFormatException {
        if (!peer.responseArrived(command)) {
            throw new PduFormatException(Abort.UNEXPECTED_PDU_PARAMETER, "a response to message "
                    + command.getInt(org.rispacs.dicom.data.Tags.MessageIDBeingRespondedTo)
                    + " that we did not send or no longer await");
        }
        if (Commands.hasDataset(command)) {
            pending = new DimseRequest(association, context, command, peer);
            receiver = discardingReceiver(-1);
        }
    }

    private void respond(DimseResponse response) {
        if (response == null) {
            return;
        }
        respond(pending, response);
        if (answering != null) {
            answering.responded(pending, response);
        }
    }

    private static void respond(DimseRequest request, DimseResponse response) {
        Attributes command = Commands.response(request, response);
        MessageSender.send(request.association(), request.context().id(), Commands.encode(command),
                response.dataset());
        log.debug("Association {}: answered message {} with status 0x{}", request.association().id(),
                request.messageId(), Integer.toHexString(response.status()));
    }

    /** A request answered by several responses, run on a thread of its own so that C-CANCEL can arrive. */
    private final class MultiResponse implements Responder {

        private final DimseRequest request;
        private volatile boolean cancelled;

        private MultiResponse(DimseRequest request) {
            this.request = request;
        }

        @Override
        public void pending(DimseResponse response) {
            respond(request, response);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    private DatasetReceiver multiResponse(DimseService service, DimseRequest request) {
        java.io.ByteArrayOutputStream identifier = new java.io.ByteArrayOutputStream();
        return new DatasetReceiver() {
            @Override
            public void data(byte[] buffer, int offset, int length) throws IOException {
                if (identifier.size() + length > MAX_COMMAND_LENGTH * 16) {
                    throw new IOException("query identifier larger than 1 MiB");
                }
                identifier.write(buffer, offset, length);
            }

            @Override
            public DimseResponse complete() {
                MultiResponse responder = new MultiResponse(request);
                running = responder;
                DaemonThreads.start("dimse-" + request.association().id(), () -> {
                    DimseResponse last;
                    try {
                        last = service.request(request, identifier.toByteArray(), responder);
                    } catch (Exception e) {
                        log.warn("Association {}: message {} failed: {}", request.association().id(),
                                request.messageId(), e.toString());
                        last = DimseResponse.failure(Status.PROCESSING_FAILURE, String.valueOf(e.getMessage()));
                    }
                    running = null;
                    // a service that saw the cancel answers it with its own counts; any other answer becomes the cancel
                    respond(request, responder.cancelled && last.status() != Status.CANCEL
                            ? new DimseResponse(Status.CANCEL, null, null) : last);
                });
                return null;
            }

            @Override
            public void abandon() {
                identifier.reset();
            }
        };
    }

    /**
     * A service's receiver that fails (a data set it cannot read, one over its size bound) still
     * gets the request answered, 0x0110 with the reason, and logged: an exception here would
     * otherwise be taken for a transport failure and leave the requestor waiting unanswered.
     */
    private static final class AnsweringReceiver implements DatasetReceiver {

        private final DimseRequest request;
        private final DatasetReceiver service;
        private Exception failure;

        private AnsweringReceiver(DimseRequest request, DatasetReceiver service) {
            this.request = request;
            this.service = service;
        }

        @Override
        public void data(byte[] buffer, int offset, int length) {
            if (failure != null) {
                return;
            }
            try {
                service.data(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                failure = e;
                service.abandon();
            }
        }

        @Override
        public DimseResponse complete() {
            if (failure == null) {
                try {
                    return service.complete();
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
            log.warn("Association {}: message {} (command 0x{}) from {} failed: {}", request.association().id(),
                    request.messageId(), Integer.toHexString(request.commandField()),
                    request.association().callingAeTitle(), failure.toString());
            return DimseResponse.failure(Status.PROCESSING_FAILURE, String.valueOf(failure.getMessage()));
        }

        @Override
        public void abandon() {
            service.abandon();
        }
    }

    private static DatasetReceiver discardingReceiver(int status) {
        return new DatasetReceiver() {
            @Override
            public void data(byte[] buffer, int offset, int length) {
                // not kept
            }

            @Override
            public DimseResponse complete() {
                // a negative status: the data set of a response, which is not answered
                return status < 0 ? null : DimseResponse.failure(status, null);
            }

            @Override
            public void abandon() {
                // nothing kept
            }
        };
    }

    @Override
    public void ended(Association association, String how) {
        if (receiver != null) {
            log.warn("Association {} ended ({}) in the middle of message {}: its data set is discarded",
                    association.id(), how, pending.messageId());
            receiver.abandon();
            receiver = null;
        }
        MultiResponse unanswered = running;
        if (unanswered != null) {
            // nobody is left to answer: a running find stops, a running retrieve stops its sub-operations
            unanswered.cancelled = true;
        }
        if (peer != null) {
            peer.ended(how);
        }
        services.forEach(service -> service.associationEnded(association));
    }
}
