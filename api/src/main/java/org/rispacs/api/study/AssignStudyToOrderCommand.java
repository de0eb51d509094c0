package org.rispacs.api.study;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

/**
 * The study's half of a reconciliation. The study compares its patient with the order's: if they
 * differ, the link is refused unless the person confirmed that the study's patient is corrected
 * to the order's. The handler answers whether all of the study's instances are committed.
 */
public record AssignStudyToOrderCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        String orderId,
        StudyLinkMode mode,
        PatientIdentifier orderPatient,
        List<PatientIdentifier> orderFormerPatients,
        boolean correctPatient,
        String reconciledBy,
        String note) {
}
