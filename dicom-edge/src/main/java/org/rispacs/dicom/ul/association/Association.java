package org.rispacs.dicom.ul.association;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.rispacs.api.common.DaemonThreads;
import org.rispacs.dicom.ul.pdu.Abort;
import org.rispacs.dicom.ul.pdu.AssociateAc;
import org.rispacs.dicom.ul.pdu.AssociateRj;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.PDataTf;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PduFormatException;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationContextResult;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;
import org.rispacs.dicom.ul.pdu.ReleaseRp;
import org.rispacs.dicom.ul.pdu.ReleaseRq;
import org.rispacs.dicom.ul.state.Action;
import org.rispacs.dicom.ul.state.Event;
import org.rispacs.dicom.ul.state.State;
import org.rispacs.dicom.ul.state.StateMachine;
import org.rispacs.dicom.ul.transport.ArtimTimer;
import org.rispacs.dicom.ul.transport.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association: turns what happens on the connection and what the service user asks into
 * state machine events, and performs the actions the {@link StateMachine} names. Sockets live in
 * {@link Connection}, timing in {@link ArtimTimer}, decisions in the state table, negotiation in
 * the handler: this class only connects them.
 */
public final class Association {

    private static final Logger log = LoggerFactory.getLogger(Association.class);

    private final String id = UUID.randomUUID().toString();
    private final boolean requestor;
    private final AssociationSettings settings;
    private final AssociationHandler handler;
    private final StateMachine machine;
    private final ArtimTimer artim;
    private final CompletableFuture<AssociateAc> establishment = new CompletableFuture<>();
    private final CompletableFuture<String> end = new CompletableFuture<>();
    private final Map<Integer, NegotiatedContext> contexts = new HashMap<>();
    private Connection connection;
    private AssociateRq request;
    private long peerMaxPduLength;
    private String abortedBecause;
    private InetSocketAddress peerAddress;
    private AssociateAc acceptance;

    /** A presentation context both sides agreed on. */
    public record NegotiatedContext(int id, String abstractSyntax, String transferSyntax) {
    }

    private Association(boolean requestor, AssociationSettings settings, AssociationHandler handler,
                        ScheduledExecutorService timers) {
        this.requestor = requestor;
        this.settings = settings;
        this.handler = handler;
        this.machine = new StateMachine(State.STA1);
        this.artim = new ArtimTimer(timers, settings.artimTimeout(), () -> handle(Event.EVT18, null));
    }

    /** Serves an incoming connection until the association ends; runs on the caller's thread. */
    public static Association accept(Socket socket, AssociationSettings settings, AssociationHandler handler,
                                     ScheduledExecutorService timers) {
        Association association = new Association(false, settings, handler, timers);
        try {
            association.connection = new Connection(socket, settings.maxReceivePduLength());
        } catch (IOException e) {
            closeQuietly(socket);
            association.end.complete("connection failed: " + e.getMessage());
            return association;
        }
        association.handle(Event.EVT5, null);
        association.readUntilClosed();
        return association;
    }

    /**
     * Opens an association as requestor; the returned association is established, or the future
     * fails with the rejection or the transport error.
     */
    public static CompletableFuture<Association> request(InetSocketAddress peer, AssociateRq request,
                                                         AssociationSettings settings, AssociationHandler handler,
                                                         ScheduledExecutorService timers) {
        Association association = new Association(true, settings, handler, timers);
        association.request = request;
        association.peerAddress = peer;
        association.handle(Event.EVT1, null);
        if (association.connection != null) {
            association.handle(Event.EVT2, null);
            DaemonThreads.start("dicom-scu-" + association.id, association::readUntilClosed);
        }
        return association.establishment.thenApply(accepted -> association);
    }

    public String id() {
        return id;
    }

    public String callingAeTitle() {
        return request == null ? null : request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request == null ? null : request.calledAeTitle();
    }

    public String remote() {
        return connection == null ? "?" : connection.remote();
    }

    public Optional<NegotiatedContext> context(int presentationContextId) {
        synchronized (this) {
            return Optional.ofNullable(contexts.get(presentationContextId));
        }
    }

    /** The accepted context for an abstract syntax, for a requestor sending a message. */
    public synchronized Optional<NegotiatedContext> contextFor(String abstractSyntax) {
        return contexts.values().stream().filter(c -> c.abstractSyntax().equals(abstractSyntax)).findFirst();
    }

    /** The accepted context for an abstract syntax in one transfer syntax, for a requestor sending a message. */
    public synchronized Optional<NegotiatedContext> contextFor(String abstractSyntax, String transferSyntax) {
        return contexts.values().stream().filter(c -> c.abstractSyntax().equals(abstractSyntax)
                && c.transferSyntax().equals(transferSyntax)).findFirst();
    }

    /** The A-ASSOCIATE-AC that established the association (with the roles the acceptor agreed to). */
    public synchronized Optional<AssociateAc> acceptance() {
        return Optional.ofNullable(acceptance);
    }

    /** The largest P-DATA-TF PDU the peer accepts; 0 means no limit. */
    public synchronized long peerMaxPduLength() {
        return peerMaxPduLength;
    }

    /** P-DATA request. */
    public void send(PDataTf data) {
        handle(Event.EVT9, data);
    }

    /** A-RELEASE request; completes when the association has ended. */
    public CompletableFuture<String> release() {
        handle(Event.EVT11, new ReleaseRq());
        return end;
    }

    /** A-ABORT request. */
    public void abort() {
        handle(Event.EVT15, Abort.byUser());
    }

    public CompletableFuture<String> ended() {
        return end;
    }

    public synchronized State state() {
        return machine.state();
    }

    private void readUntilClosed() {
        while (state() != State.STA1) {
            Pdu pdu;
            try {
                pdu = connection.read();
            } catch (PduFormatException invalid) {
                log.warn("Association {} from {}: invalid PDU ({}); aborting", id, remote(), invalid.getMessage());
                handle(Event.EVT19, Abort.byProvider(invalid.abortReason()));
                closeAfterInvalidPdu();
                break;
            } catch (SocketTimeoutException idle) {
                log.warn("Association {} from {}: idle for {}; aborting", id, remote(), settings.idleTimeout());
                handle(Event.EVT15, Abort.byUser());
                continue;
            } catch (EOFException closed) {
                handle(Event.EVT17, null);
                break;
            } catch (IOException broken) {
                if (state() != State.STA1) {
                    handle(Event.EVT17, null);
                }
                break;
            }
            handle(eventFor(pdu), pdu);
        }
        connection.close();
        artim.stop();
    }

    /**
     * The bytes after an invalid PDU cannot be framed into PDUs: reading on would take each chunk
     * of them for another invalid PDU (an A-ABORT and a warning each). The A-ABORT has gone, so
     * the connection is closed now rather than at the ARTIM timeout, which the state machine sees
     * as the transport closing (Evt17 in Sta13: AR-5).
     */
    private void closeAfterInvalidPdu() {
        connection.close();
        if (state() != State.STA1) {
            handle(Event.EVT17, null);
        }
    }

    private static Event eventFor(Pdu pdu) {
        if (pdu instanceof AssociateRq) {
            return Event.EVT6;
        } else if (pdu instanceof AssociateAc) {
            return Event.EVT3;
        } else if (pdu instanceof AssociateRj) {
            return Event.EVT4;
        } else if (pdu instanceof PDataTf) {
            return Event.EVT10;
        } else if (pdu instanceof ReleaseRq) {
            return Event.EVT12;
        } else if (pdu instanceof ReleaseRp) {
            return Event.EVT13;
        }
        return Event.EVT16;
    }

    /** Runs one event through the state machine, then any event the service user answers with. */
    private synchronized void handle(Event event, Pdu pdu) {
        if (machine.state() == State.STA1 && event != Event.EVT1 && event != Event.EVT5) {
            return;
        }
        Action action = machine.on(event);
        Pdu answer = null;
        boolean branch = true;
        try {
            switch (action) {
                case AE_1 -> connect();
                case AE_2 -> write(request);
                case AE_3 -> established((AssociateAc) pdu);
                case AE_4 -> finish("rejected: " + describe((AssociateRj) pdu));
                case AE_5 -> artim.start();
                case AE_6 -> {
                    artim.stop();
                    request = (AssociateRq) pdu;
                    branch = (request.protocolVersion() & 0x0001) != 0;
                    if (branch) {
                        answer = handler.associationRequested(this, request);
                    } else {
                        write(new AssociateRj(AssociateRj.REJECTED_PERMANENT,
                                AssociateRj.SOURCE_SERVICE_PROVIDER_ACSE, AssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED));
                        artim.start();
                    }
                }
                case AE_7 -> {
                    write(pdu);
                    established((AssociateAc) pdu);
                }
                case AE_8 -> {
                    write(pdu);
                    log.info("Association {} from {} rejected: {}", id, remote(), describe((AssociateRj) pdu));
                    artim.start();
                }
                case DT_1, AR_7 -> write(pdu);
                case DT_2, AR_6 -> deliver((PDataTf) pdu);
                case AR_1 -> write(pdu);
                case AR_2 -> answer = new ReleaseRp();
                case AR_3 -> finish("released");
                case AR_4 -> {
                    write(pdu);
                    artim.start();
                }
                case AR_5, AA_5 -> {
                    artim.stop();
                    finish(abortedBecause != null ? abortedBecause : "released");
                }
                case AR_8 -> {
                    branch = requestor;
                    if (requestor) {
                        answer = new ReleaseRp();
                    }
                }
                case AR_9 -> write(pdu);
                case AR_10 -> answer = new ReleaseRp();
                case AA_1 -> {
                    abortedBecause = "aborted by us";
                    // AA-1 also answers PDUs that arrive before an association exists: never echo those
                    write(pdu instanceof Abort abort ? abort : Abort.byUser());
                    artim.start();
                }
                case AA_2 -> {
                    artim.stop();
                    finish(abortedBecause != null ? abortedBecause : "closed");
                }
                case AA_3 -> finish("aborted by the peer: " + describe((Abort) pdu));
                case AA_4 -> finish(abortedBecause != null ? abortedBecause : "connection lost");
                case AA_6 -> log.debug("Association {}: ignoring {} while closing", id, pdu);
                case AA_7, AA_8 -> {
                    Abort abort = pdu instanceof Abort given ? given : Abort.byProvider(Abort.UNEXPECTED_PDU);
                    abortedBecause = "aborted by us: protocol violation (" + event.description() + " in "
                            + machine.state() + ")";
                    write(abort.source() == Abort.SOURCE_SERVICE_PROVIDER ? abort
                            : Abort.byProvider(Abort.UNEXPECTED_PDU));
                    if (action == Action.AA_8) {
                        log.warn("Association {} from {}: {}", id, remote(), abortedBecause);
                        artim.start();
                    }
                }
                default -> throw new IllegalStateException("unhandled action " + action);
            }
        } catch (PduFormatException invalid) {
            log.warn("Association {} from {}: {}; aborting", id, remote(), invalid.getMessage());
            machine.completed(action, branch);
            handle(Event.EVT19, Abort.byProvider(invalid.abortReason()));
            return;
        } catch (IOException e) {
            log.debug("Association {}: transport failed during {}: {}", id, action, e.getMessage());
        } catch (Exception serviceFailure) {
            log.warn("Association {} from {}: service failed ({}); aborting", id, remote(), serviceFailure.toString());
            machine.completed(action, branch);
            handle(Event.EVT15, Abort.byUser());
            return;
        }
        machine.completed(action, branch);
        if (machine.state() == State.STA1) {
            closeConnection();
        }
        if (answer instanceof AssociateAc) {
            handle(Event.EVT7, answer);
        } else if (answer instanceof AssociateRj) {
            handle(Event.EVT8, answer);
        } else if (answer instanceof ReleaseRp) {
            handle(Event.EVT14, answer);
        }
    }

    private void connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(peerAddress, (int) settings.artimTimeout().toMillis());
            connection = new Connection(socket, settings.maxReceivePduLength());
        } catch (IOException e) {
            closeQuietly(socket);
            establishment.completeExceptionally(e);
            end.complete("connection failed: " + e.getMessage());
            throw e;
        }
    }

    private void established(AssociateAc accepted) throws IOException {
        Map<Integer, String> proposed = new HashMap<>();
        for (PresentationContextProposal proposal : request.presentationContexts()) {
            proposed.put(proposal.id(), proposal.abstractSyntax());
        }
        for (PresentationContextResult result : accepted.presentationContexts()) {
            if (result.accepted() && proposed.containsKey(result.id())) {
                contexts.put(result.id(), new NegotiatedContext(result.id(), proposed.get(result.id()),
                        result.transferSyntax()));
            }
        }
        acceptance = accepted;
        AssociateAc peerSide = accepted;
        peerMaxPduLength = requestor ? peerSide.userInformation().maxPduLength()
                : request.userInformation().maxPduLength();
        connection.readTimeout((int) settings.idleTimeout().toMillis());
        log.info("Association {} {} {} ({} accepted of {} proposed contexts)", id,
                requestor ? "to" : "from", requestor ? remote() : request.callingAeTitle() + "@" + remote(),
                contexts.size(), request.presentationContexts().size());
        handler.established(this, accepted);
        establishment.complete(accepted);
    }

    private void deliver(PDataTf data) throws Exception {
        for (PresentationDataValue value : data.values()) {
            if (!contexts.containsKey(value.presentationContextId())) {
                throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                        "P-DATA on presentation context " + value.presentationContextId() + " that was not accepted");
            }
            handler.dataReceived(this, value);
        }
    }

    private void write(Pdu pdu) throws IOException {
        connection.write(pdu);
    }

    private void finish(String how) {
        closeConnection();
        if (!establishment.isDone()) {
            establishment.completeExceptionally(new AssociationRejectedException(how));
        }
        if (end.complete(how)) {
            handler.ended(this, how);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    private static String describe(AssociateRj rj) {
        return "result " + rj.result() + ", source " + rj.source() + ", reason " + rj.reason();
    }

    private static String describe(Abort abort) {
        return "source " + abort.source() + ", reason " + abort.reason();
    }
}
