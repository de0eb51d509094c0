package org.rispacs.hl7.mllp;

/** Answers one received MLLP payload with the payload of the reply (an HL7 acknowledgement). */
@FunctionalInterface
public interface MllpMessageHandler {

    /**
     * @param payload   the bytes between the frame's start and end blocks, or their beginning when oversized
     * @param oversized whether the payload exceeded the configured limit
     * @param peer      the remote address, for logs
     * @return the reply's bytes, never null
     */
    byte[] handle(byte[] payload, boolean oversized, String peer);
}
