package org.rispacs.query.reading;

import org.rispacs.api.common.PatientIdentifier;

/** Whose a reading worklist order is, with the name known from the {@code reading-patients} index. */
record ReadingPatient(String patientKey, String patientId, String issuerOfPatientId, String patientName) {

    static ReadingPatient of(PatientIdentifier patient, PatientName known) {
        return new ReadingPatient(patient.toString(), patient.id(), patient.issuer(),
                known == null ? null : known.patientName());
    }
}
