package org.rispacs.api.study;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Instances of one series stored over one association. */
public record RecordInstancesReceivedCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String seriesInstanceUid,
        String associationId,
        String callingAeTitle,
        ReceivedStudyAttributes attributes,
        List<ReceivedInstance> instances) {
}
