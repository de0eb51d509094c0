package org.rispacs.query.worklist;

import org.rispacs.api.common.PatientIdentifier;

/** Whose a worklist item is: {@code patientKey} is how the patients index names the patient. */
record WorklistPatient(String patientKey, String patientId, String issuerOfPatientId) {

    static WorklistPatient of(PatientIdentifier patient) {
        return new WorklistPatient(patient.toString(), patient.id(), patient.issuer());
    }
}
