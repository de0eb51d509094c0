package org.rispacs.api.study;

import org.rispacs.api.concerns.ReceivedIdentifiers;

/** Patient and order attributes exactly as the sender put them in the objects, unnormalised. */
public record ReceivedStudyAttributes(
        String patientId,
        String issuerOfPatientId,
        String patientName,
        String accessionNumber,
        String modality,
        String studyDescription) implements ReceivedIdentifiers {
}
