package org.rispacs.api.order;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatient;
import org.rispacs.api.concerns.ConcernsStudy;
import org.rispacs.api.study.StudyLinkMode;

/** A person linked a study to the order by reconciliation. */
@Revision("1")
public record StudyLinkedToOrderEvent(
        String orderId,
        String studyInstanceUid,
        StudyLinkMode mode,
        PatientIdentifier patient,
        String linkedBy,
        String note) implements ConcernsOrder, ConcernsStudy, ConcernsPatient {
}
