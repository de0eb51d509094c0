package org.rispacs.hl7.inbound;

import java.util.Optional;

/** The durable record of messages already processed, with what each said and the acknowledgement it was given. */
public interface ProcessedMessages {

    Optional<Processed> find(MessageKey key);

    /**
     * Records a processed message in the transaction that keeps its effects.
     *
     * @return false when the key was recorded already (by a concurrent delivery of the same control id)
     */
    boolean record(MessageKey key, String contentDigest, String acknowledgement);

    /**
     * @param contentDigest the {@link ContentDigest} of the message, null for messages recorded before
     *                      digests were kept
     */
    record Processed(String contentDigest, String acknowledgement) {
    }
}
