package org.rispacs.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the order to accept a received study as its acquisition. The patient is given as the
 * modality sent it: many send no Issuer of Patient ID, so the issuer may be empty.
 */
public record AttachStudyCommand(
        @TargetAggregateIdentifier String orderId,
        String studyInstanceUid,
        String receivedPatientId,
        String receivedIssuerOfPatientId) {
}
