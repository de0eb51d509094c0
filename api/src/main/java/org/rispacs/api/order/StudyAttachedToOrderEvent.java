package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatient;
import org.rispacs.api.concerns.ConcernsStudy;

@Revision("1")
public record StudyAttachedToOrderEvent(
        String orderId,
        String studyInstanceUid,
        PatientIdentifier patient) implements ConcernsOrder, ConcernsStudy, ConcernsPatient {
}
