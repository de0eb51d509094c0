package org.rispacs.dicom.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.ul.state.State;

/**
 * Requests the acceptor of an association sends back to its requestor (an SCP's N-EVENT-REPORT
 * on the association the SCU opened, a C-GET's C-STORE sub-operations), and the responses that
 * come back for them. Message IDs count down from 0xFFFF so that they do not look like the
 * requestor's own.
 */
public final class PeerRequests {

    private final Association association;
    private final AtomicInteger messageIds = new AtomicInteger(0x10000);
    private final Map<Integer, CompletableFuture<Attributes>> awaiting = new ConcurrentHashMap<>();
    private volatile boolean ended;

    PeerRequests(Association association) {
        this.association = association;
    }

    /** Whether the association is still established, so that a request can go on it. */
    public boolean open() {
        return !ended && association.state() == State.STA6;
    }

    /**
     * Sends a request (command built by the caller, its Message ID set here) and waits for its
     * response command; fails if the association ends first or the response does not come in time.
     */
    public Attributes send(int contextId, Attributes command, byte[] dataset, Duration timeout) throws IOException {
        return send(command, timeout, encoded -> MessageSender.send(association, contextId, encoded, dataset));
    }

    /** The same with the data set streamed from {@code dataset} (a stored object), not held in memory. */
    public Attributes send(int contextId, Attributes command, InputStream dataset, Duration timeout)
            throws IOException {
        return send(command, timeout, encoded -> MessageSender.send(association, contextId, encoded, dataset));
    }

    private interface Transmission {
        void send(byte[] encodedCommand) throws IOException;
    }

    private Attributes send(Attributes command, Duration timeout, Transmission transmission) throws IOException {
        if (!open()) {
            throw new IOException("association " + association.id() + " is no longer established");
        }
        int messageId = messageIds.decrementAndGet();
        if (messageId <= 0) {
            throw new IOException("no message ids left on association " + association.id());
        }
        command.setInt(Tags.MessageID, org.rispacs.dicom.data.VR.US, messageId);
        CompletableFuture<Attributes> response = new CompletableFuture<>();
        awaiting.put(messageId, response);
        try {
            transmission.send(Commands.encode(command));
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no response to message " + messageId + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            awaiting.remove(messageId);
        }
    }

    /** A response command arrived; false if no request of ours awaits it. */
    boolean responseArrived(Attributes command) {
        Integer respondedTo = command.getInt(Tags.MessageIDBeingRespondedTo);
        CompletableFuture<Attributes> response = respondedTo == null ? null : awaiting.get(respondedTo);
        if (response == null) {
            return false;
        }
        response.complete(command);
        return true;
    }

    void ended(String how) {
        ended = true;
        awaiting.values().forEach(response -> response.completeExceptionally(
                new IOException("association " + association.id() + " ended (" + how + ") before the response")));
    }
}
