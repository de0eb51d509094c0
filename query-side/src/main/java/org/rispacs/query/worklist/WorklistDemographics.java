package org.rispacs.query.worklist;

import java.time.LocalDate;

/** A patient's demographics copied into a worklist item, with the name as a worklist query matches it. */
record WorklistDemographics(String patientName, LocalDate patientBirthDate, String patientSex,
                            String patientNameMatch) {

    static WorklistDemographics of(PatientDemographics patient) {
        return new WorklistDemographics(patient.patientName(), patient.patientBirthDate(), patient.patientSex(),
                patient.patientName() == null ? null : WorklistMatching.normalisedName(patient.patientName()));
    }
}
