package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsReceivedStudy;

/**
 * Lists only instances the study did not hold before; {@code firstForStudy} for its very first ones.
 * Revision 2 added the study and series details (null in events stored before).
 */
@Revision("2")
public record InstancesReceivedEvent(
        String studyInstanceUid,
        String seriesInstanceUid,
        String associationId,
        String callingAeTitle,
        ReceivedStudyAttributes attributes,
        List<ReceivedInstance> instances,
        boolean firstForStudy,
        ReceivedStudyDetails studyDetails,
        ReceivedSeriesDetails seriesDetails) implements ConcernsReceivedStudy {

    /** Instances received without study and series details. */
    public InstancesReceivedEvent(String studyInstanceUid, String seriesInstanceUid, String associationId,
                                  String callingAeTitle, ReceivedStudyAttributes attributes,
                                  List<ReceivedInstance> instances, boolean firstForStudy) {
        this(studyInstanceUid, seriesInstanceUid, associationId, callingAeTitle, attributes, instances, firstForStudy,
                null, null);
    }
}
