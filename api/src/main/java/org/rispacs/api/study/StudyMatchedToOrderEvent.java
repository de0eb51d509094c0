package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatient;
import org.rispacs.api.concerns.ConcernsStudy;

/** {@code committed}: the archive had already committed the whole study when it was matched. */
@Revision("1")
public record StudyMatchedToOrderEvent(
        String studyInstanceUid,
        String orderId,
        PatientIdentifier patient,
        boolean committed) implements ConcernsStudy, ConcernsOrder, ConcernsPatient {
}
