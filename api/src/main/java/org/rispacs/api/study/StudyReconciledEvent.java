package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;

@Revision("1")
public record StudyReconciledEvent(
        String studyInstanceUid,
        String orderId,
        PatientIdentifier patient,
        String reconciledBy,
        String note,
        boolean committed) {
}
