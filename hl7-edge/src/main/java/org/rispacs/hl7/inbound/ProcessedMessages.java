package org.rispacs.hl7.inbound;

import java.util.Optional;

/** The durable record of messages already processed, with the acknowledgement each was given. */
public interface ProcessedMessages {

    Optional<String> acknowledgementOf(MessageKey key);

    /** Records a processed message; a key recorded before keeps its first acknowledgement. */
    void record(MessageKey key, String acknowledgement);
}
