package org.rispacs.api.study;


/**
 * A person links an unmatched study to an order, with a note that says why. Both sides must
 * agree, in one transaction: the order (not cancelled; a study it already has is kept only if the
 * person chose to add or replace) and the study (same patient as the order's, or a patient
 * correction the person confirmed).
 */
public record ReconcileStudyCommand(
        String studyInstanceUid,
        String orderId,
        StudyLinkMode mode,
        boolean correctPatient,
        String reconciledBy,
        String note) {
}
