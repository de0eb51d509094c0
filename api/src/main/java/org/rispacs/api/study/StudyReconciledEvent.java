package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.concerns.ConcernsPatient;
import org.rispacs.api.concerns.ConcernsStudy;

/** A person linked the study to an order; events stored before link modes existed read as {@code ONLY_STUDY}. */
@Revision("1")
public record StudyReconciledEvent(
        String studyInstanceUid,
        String orderId,
        PatientIdentifier patient,
        String reconciledBy,
        String note,
        boolean committed,
        StudyLinkMode mode) implements ConcernsStudy, ConcernsOrder, ConcernsPatient {

    public StudyReconciledEvent {
        mode = mode == null ? StudyLinkMode.ONLY_STUDY : mode;
    }

    public StudyReconciledEvent(String studyInstanceUid, String orderId, PatientIdentifier patient,
                                String reconciledBy, String note, boolean committed) {
        this(studyInstanceUid, orderId, patient, reconciledBy, note, committed, StudyLinkMode.ONLY_STUDY);
    }
}
