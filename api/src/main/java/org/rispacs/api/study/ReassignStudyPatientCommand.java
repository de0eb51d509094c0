package org.rispacs.api.study;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

public record ReassignStudyPatientCommand(
        @TargetAggregateIdentifier String studyInstanceUid,
        PatientIdentifier patient) {
}
