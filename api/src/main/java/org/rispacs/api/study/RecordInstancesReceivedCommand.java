package org.rispacs.api.study;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Instances of one series stored over one association, with the study and series details they carry. */
public record RecordInstancesReceivedCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String seriesInstanceUid,
        String associationId,
        String callingAeTitle,
        ReceivedStudyAttributes attributes,
        List<ReceivedInstance> instances,
        ReceivedStudyDetails studyDetails,
        ReceivedSeriesDetails seriesDetails) {

    /** Instances recorded without study and series details. */
    public RecordInstancesReceivedCommand(String studyInstanceUid, String seriesInstanceUid, String associationId,
                                          String callingAeTitle, ReceivedStudyAttributes attributes,
                                          List<ReceivedInstance> instances) {
        this(studyInstanceUid, seriesInstanceUid, associationId, callingAeTitle, attributes, instances, null, null);
    }
}
