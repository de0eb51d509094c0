package org.rispacs.hl7.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends messages to the configured destinations and turns whatever happens into an {@link AckOutcome}. */
public final class OutboundChannel {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundChannel.class);

    private final Map<String, OutboundDestination> destinations;
    private final MllpClient client;
    private final AckReader acks;

    public OutboundChannel(Map<String, OutboundDestination> destinations, MllpClient client, AckReader acks) {
        this.destinations = Map.copyOf(destinations);
        this.client = client;
        this.acks = acks;
    }

    public Optional<OutboundDestination> destination(String name) {
        return Optional.ofNullable(destinations.get(name));
    }

    public AckOutcome send(OutboundDestination to, String message, String controlId) {
        String ack;
        try {
            ack = client.exchange(to, message);
        } catch (ConnectException e) {
            return failed(to, controlId, "connection refused by " + to.host() + ":" + to.port());
        } catch (SocketTimeoutException e) {
            return failed(to, controlId, "timeout: " + e.getMessage());
        } catch (SSLException e) {
            return failed(to, controlId, "TLS with " + to.host() + ":" + to.port() + " failed: " + e.getMessage());
        } catch (UnknownHostException e) {
            return failed(to, controlId, "unknown host " + to.host());
        } catch (IOException e) {
            return failed(to, controlId, "connection to " + to.host() + ":" + to.port() + " failed: " + e.getMessage());
        }
        AckOutcome outcome = acks.read(ack, controlId);
        if (outcome.acknowledged()) {
            LOG.info("{} to {}: {}", controlId, to.name(), outcome.ackCode());
        } else {
            LOG.warn("{} to {} not accepted: {}", controlId, to.name(), outcome.error());
        }
        return outcome;
    }

    private static AckOutcome failed(OutboundDestination to, String controlId, String error) {
        LOG.warn("{} to {} not delivered: {}", controlId, to.name(), error);
        return AckOutcome.failed(null, error);
    }

    /**
     * MSH-10 for a message identified by a key of ours: the same key always gives the same id
     * (a message sent again after a crash carries the id of the first try), different keys differ.
     * At most 20 characters, as 2.5.1 allows.
     */
    public static String controlId(String prefix, String key) {
        String hex = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return (prefix + hex).substring(0, 20);
    }
}
