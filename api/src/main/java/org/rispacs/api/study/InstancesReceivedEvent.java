package org.rispacs.api.study;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.rispacs.api.concerns.ConcernsReceivedStudy;

/** Lists only instances the study did not hold before; {@code firstForStudy} for its very first ones. */
@Revision("1")
public record InstancesReceivedEvent(
        String studyInstanceUid,
        String seriesInstanceUid,
        String associationId,
        String callingAeTitle,
        ReceivedStudyAttributes attributes,
        List<ReceivedInstance> instances,
        boolean firstForStudy) implements ConcernsReceivedStudy {
}
