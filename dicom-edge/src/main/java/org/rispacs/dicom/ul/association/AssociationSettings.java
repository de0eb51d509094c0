package org.rispacs.dicom.ul.association;

import java.time.Duration;

/**
 * Timers and limits of one association.
 *
 * @param maxReceivePduLength the largest P-DATA-TF PDU we accept (announced to the peer)
 * @param artimTimeout        ARTIM: how long to wait for an A-ASSOCIATE-RQ, or for the peer to close
 *                            after a release or an abort
 * @param idleTimeout         how long an established association may stay silent before we abort it
 */
public record AssociationSettings(long maxReceivePduLength, Duration artimTimeout, Duration idleTimeout) {

    public static AssociationSettings defaults() {
        return new AssociationSettings(256 * 1024, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }
}
