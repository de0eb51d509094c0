package org.rispacs.api.study;

import java.time.Instant;

/** A study without an order, with the reason and the attributes as the modality sent them. */
public record UnmatchedStudy(
        String studyInstanceUid,
        UnmatchedReason reason,
        String detail,
        String patientId,
        String issuerOfPatientId,
        String patientName,
        String accessionNumber,
        String modality,
        String studyDescription,
        Instant since) {
}
