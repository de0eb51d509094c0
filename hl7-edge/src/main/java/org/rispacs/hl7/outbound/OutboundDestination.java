package org.rispacs.hl7.outbound;

import java.time.Duration;

/**
 * A system we send messages to over MLLP.
 *
 * @param name                 the name the workflow uses for it (e.g. a report destination)
 * @param receivingApplication its MSH-5
 * @param receivingFacility    its MSH-6
 * @param connectTimeout       how long to wait for the connection
 * @param readTimeout          how long to wait for the whole acknowledgement once the message is sent
 * @param tls                  whether to speak MLLP over TLS (ris.hl7.tls.* key material)
 */
public record OutboundDestination(
        String name,
        String host,
        int port,
        String receivingApplication,
        String receivingFacility,
        Duration connectTimeout,
        Duration readTimeout,
        boolean tls) {

    /** A destination over plain TCP. */
    public OutboundDestination(String name, String host, int port, String receivingApplication,
                               String receivingFacility, Duration connectTimeout, Duration readTimeout) {
        this(name, host, port, receivingApplication, receivingFacility, connectTimeout, readTimeout, false);
    }
}
