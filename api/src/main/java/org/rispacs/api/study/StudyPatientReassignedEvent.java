package org.rispacs.api.study;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.PatientIdentifier;

@Revision("1")
public record StudyPatientReassignedEvent(
        String studyInstanceUid,
        PatientIdentifier previous,
        PatientIdentifier patient) {
}
